import { RecordValidationError } from '../../src/records/record-validation-error.js';
import { toWireRecord } from '../../src/records/validate-record.js';

/** The id `toWireRecord` assigns in these tests. */
export const generatedId = () => 'generated-id';

/** The `RecordValidationError` that `toWireRecord` throws for `record`; fails the test when it is accepted. */
export function refusal(kind: Parameters<typeof toWireRecord>[0], record: unknown): RecordValidationError {
  try {
    toWireRecord(kind, record, generatedId);
  } catch (error) {
    if (error instanceof RecordValidationError) return error;
    throw error;
  }
  throw new Error('expected the record to be refused');
}
