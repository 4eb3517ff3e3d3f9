/**
 * The child process of the kill test: runs `importBulk('FULL', …)` and prints every progress event as a JSON line on
 * stdout. Bundled with esbuild by the test, run with plain `node`. Arguments:
 * - `rpc <transport url> <dataset ARN> <s3 source>`: through the parent's MemoryTransport served over HTTP;
 * - `aws <local endpoint url> <dataset ARN> <s3 source>`: through AwsTransport (the real SDK clients on their
 *   defaults, S3 included).
 */
import { DatasetImporter } from '../../../src/bulk/dataset-importer.js';
import { AwsTransport } from '../../../src/transport/aws/aws-transport.js';
import type { Transport } from '../../../src/transport/transport.js';
import { transportClient } from './transport-rpc.js';

function transportFrom(args: string[]): { transport: Transport; rest: string[] } {
  const [kind, url = '', ...rest] = args;
  if (kind === 'rpc') return { transport: transportClient(url), rest };
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  return { transport: new AwsTransport({ endpoint: url, region: 'us-east-1', credentials }), rest };
}

const { transport, rest } = transportFrom(process.argv.slice(2));
const [datasetArn = '', source = ''] = rest;
const importer = new DatasetImporter({
  transport,
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
