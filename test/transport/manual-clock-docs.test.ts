// The ManualClock example of docs/testing-with-the-fake.md, run as written (imports from the package's entry points, src/index.ts and src/testing.ts).
import { describe, expect, it } from 'vitest';
import { DatasetImporter } from '../../src/index.js';
import { ManualClock, MemoryTransport } from '../../src/testing.js';
import { interactionsCsv, setUpShop } from './memory-fixtures.js';

describe('docs/testing-with-the-fake.md: ManualClock', () => {
  it('drives an import to ACTIVE in virtual time with runAll()', async () => {
    const clock = new ManualClock();
    const transport = new MemoryTransport({ clock });
    const { interactionsArn: datasetArn } = setUpShop(transport);
    transport.putObject({ bucket: 'bucket', key: 'interactions.csv' }, interactionsCsv(1200));
    const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeS3Read';

    const importer = new DatasetImporter({ transport, roleArn, clock });
    const job = importer.importBulk('FULL', { datasetArn, source: 's3://bucket/interactions.csv' });
    const advanced = await clock.runAll();
    await expect(job).resolves.toMatchObject({ status: 'ACTIVE', importMode: 'FULL' });
    // The default job timings (1 s pending, 4 s in progress) passed on the clock, not in real time.
    expect(advanced).toBeGreaterThanOrEqual(5000);
    expect(transport.bulkRows(datasetArn)).toHaveLength(1200);
  });
});
