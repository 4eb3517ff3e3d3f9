import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../src/bulk/resolve-dataset.js';
import { resolveValidateCsvOptions } from '../../src/csv/validate-options.js';
import { DATASET_TYPES } from '../../src/transport/transport.js';
import { interactionsSchema } from '../support/schemas.js';

describe('DATASET_TYPES, the one list of dataset types', () => {
  const group = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';

  it('is what importBulk targets and validateCsv options accept, and all they accept', () => {
    expect(DATASET_TYPES).toEqual(['Interactions', 'Items', 'Users', 'Actions', 'Action_Interactions']);
    for (const datasetType of DATASET_TYPES) {
      expect(() => checkTarget({ dataset: datasetType, datasetGroupArn: group })).not.toThrow();
      expect(resolveValidateCsvOptions({ schema: interactionsSchema, datasetType }).datasetType).toBe(datasetType);
    }
    const listed = DATASET_TYPES.join(', ');
    expect(() => checkTarget({ dataset: 'Events', datasetGroupArn: group })).toThrow(listed);
    expect(() => resolveValidateCsvOptions({ schema: interactionsSchema, datasetType: 'Events' as never })).toThrow(
      DATASET_TYPES.join(' | '),
    );
  });
});
