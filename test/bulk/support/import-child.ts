/**
 * The child process of the kill test: imports through the parent's transport (see transport-rpc.ts) and prints
 * every progress event as a JSON line on stdout. Bundled with esbuild by the test, run with plain `node`.
 * Arguments: <transport url> <dataset ARN> <s3 source>.
 */
import { DatasetImporter } from '../../../src/bulk/dataset-importer.js';
import { transportClient } from './transport-rpc.js';

const [url = '', datasetArn = '', source = ''] = process.argv.slice(2);
const importer = new DatasetImporter({
  transport: transportClient(url),
  roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3Read',
  // Real time in the child: poll often so the parent sees it waiting quickly.
  poll: { initialDelayMs: 20, maxDelayMs: 50 },
  logger: { warn: () => {}, info: () => {} },
});
const job = await importer.importBulk('FULL', {
  datasetArn,
  source,
  onProgress: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
});
process.stdout.write(`${JSON.stringify({ phase: 'resolved', jobArn: job.jobArn })}\n`);
