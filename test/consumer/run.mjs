// Consumer test: packs the package as npm would publish it (the `files` allow-list), installs the tarball in a
// scratch project and imports the three entry points (`personalize-import`, `personalize-import/testing`,
// `personalize-import/lambda`) the two ways
// users do (ESM `import`, CJS `require`), then type-checks a TypeScript consumer against the shipped declarations
// under both module systems. It packs from a tree without dist/, as a
// fresh clone or an install from git is: the `prepack` script must build it (the one build of this run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repository, so the packed copy resolves its dependencies from the repository's node_modules.
const scratch = join(root, '.tmp', 'consumer');
rmSync(scratch, { recursive: true, force: true });
const installed = join(scratch, 'node_modules', 'personalize-import');
mkdirSync(installed, { recursive: true });

const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: scratch, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });

rmSync(join(root, 'dist'), { recursive: true, force: true });
run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root });
const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
if (!tarball) throw new Error('npm pack made no tarball');
const packed = run('tar', ['-tzf', join(scratch, tarball)]).split('\n');
const expected = ['index', 'testing', 'lambda']
  .flatMap((entry) => ['.js', '.cjs', '.d.ts', '.d.cts'].map((ext) => `dist/${entry}${ext}`))
  .concat('dist/cli.js');
const absent = expected.filter((path) => !packed.includes(`package/${path}`));
if (absent.length > 0)
  throw new Error(`npm pack without a prior build lacks ${absent.join(', ')} (is there a prepack?)`);
console.log(`consumer pack: ${packed.filter(Boolean).length} files, ${expected.join(', ')} among them: ok`);
run('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1']);

// The published declarations show the product and the testing surface, never the fake's parts: no file named after
// them, and none of their classes.
const internals =
  /\b(MemoryTransportSetup|MemoryDatasets|MemoryJobs|MemoryObjects|ScriptedFaults|RequestQuota|CallHistory|ArnFactory|MemoryParts)\b/;
for (const path of packed.filter((name) => /\.d\.c?ts$/.test(name))) {
  if (/memory|local-endpoint/.test(path)) throw new Error(`the pack holds a declaration file of the fake: ${path}`);
  const leak = internals.exec(readFileSync(join(installed, path.replace(/^package\//, '')), 'utf8'));
  if (leak) throw new Error(`${path} publishes the fake's internal ${leak[1]}`);
}
console.log('consumer declarations: no part of the fake: ok');

// The root entry holds the product, the testing entry what tests need; neither holds the other's names, and an error
// the fake throws is an instance of the root entry's class (one copy of every class, in ESM and in CJS).
const smoke = (load) => `
const lib = ${load('personalize-import')};
const testing = ${load('personalize-import/testing')};
const lambda = ${load('personalize-import/lambda')};
const expectNames = (entry, mod, names) => {
  const missing = names.filter((name) => mod[name] === undefined);
  if (missing.length > 0) throw new Error(entry + ' lacks exports: ' + missing.join(', '));
  if ('default' in mod && mod.default !== undefined) throw new Error(entry + ' must have named exports only');
};
expectNames('personalize-import', lib, ['RecordWriter', 'AwsTransport', 'DatasetImporter', 'validateCsv', 'RecordValidationError', 'ImportJobFailedError', 'ThrottledError']);
expectNames('personalize-import/testing', testing, ['MemoryTransport', 'ManualClock', 'flushPromises', 'startLocalEndpoint', 'memoryTransportDefaults']);
const strays = ['MemoryTransport', 'ManualClock', 'flushPromises', 'startLocalEndpoint', 'toWireRecord', 'classifyAwsError'].filter((name) => name in lib);
if (strays.length > 0) throw new Error('personalize-import exports what it should not: ' + strays.join(', '));
if ('RecordWriter' in testing) throw new Error('personalize-import/testing repeats the root entry');
expectNames('personalize-import/lambda', lambda, ['createSqsHandler', 'createKinesisHandler', 'lambdaHandlerDefaults', 'sourceEventId', 'BatchFailedError', 'ToRecordsError', 'DeadlineError']);
if ('RecordWriter' in lambda || 'createSqsHandler' in lib) throw new Error('the lambda entry and the root entry mix their names');
{
  const transport = new testing.MemoryTransport();
  transport.addTracker('t1');
  const handler = lambda.createSqsHandler({
    writerOptions: { transport, trackingId: 't1' },
    toRecords: (message) => [{ kind: 'event', record: { sessionId: 's1', eventType: 'click', sentAt: new Date(Number(message.body)) } }],
  });
  const message = { messageId: 'm1', receiptHandle: 'r', body: '1767225600000', attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q', awsRegion: 'us-east-1' };
  const answer = await handler({ Records: [message] }, { getRemainingTimeInMillis: () => 3000 });
  if (answer.batchItemFailures.length !== 0 || transport.events()[0]?.eventId !== 'm1#0') throw new Error('lambda handler: ' + JSON.stringify(answer));
  transport.failNext(1, { error: new lib.FatalTransportError('AccessDenied') });
  const failed = await handler({ Records: [{ ...message, messageId: 'm2' }] }).then(() => undefined, (error) => error);
  if (!(failed instanceof lambda.BatchFailedError) || !(failed instanceof lib.PersonalizeImportError)) throw new Error('two copies of the error classes: ' + failed);
}
const transport = new testing.MemoryTransport();
transport.addTracker('t1');
const writer = new lib.RecordWriter({ transport, trackingId: 't1' });
await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt: new Date() });
const report = await writer.close();
if (report.delivered.events !== 1 || transport.events().length !== 1) throw new Error('event not delivered: ' + JSON.stringify(report));
try { await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt: new Date() }); throw new Error('no error'); }
catch (error) { if (!(error instanceof lib.WriterClosedError) || error.code !== 'WRITER_CLOSED') throw error; }
transport.throttleNext(1);
try { await transport.describeDatasetGroup('arn:x'); throw new Error('no error'); }
catch (error) { if (!(error instanceof lib.ThrottledError)) throw new Error('two copies of ThrottledError: ' + error); }
console.log('ok');
`;
writeFileSync(
  join(scratch, 'esm.mjs'),
  smoke((name) => `await import('${name}')`),
);
writeFileSync(
  join(scratch, 'cjs.cjs'),
  `(async () => {${smoke((name) => `require('${name}')`)}})().catch((e) => { console.error(e); process.exit(1); });`,
);
for (const file of ['esm.mjs', 'cjs.cjs']) {
  const out = run(process.execPath, [file]).trim();
  if (out !== 'ok') throw new Error(`${file}: ${out}`);
  console.log(`consumer ${file}: ok`);
}

// Loading the package (its three entries), and using everything but AwsTransport, loads no AWS SDK code and no
// undici; AwsTransport loads the SDK on its first call, only the client that call needs (and undici for the direct
// Events path).
writeFileSync(
  join(scratch, 'sdk-hook.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^(@(aws-sdk|smithy)\\/|undici(\\/|$))/.test(specifier)) appendFileSync(process.env.SDK_LOG, specifier + '\\n');
  return next(specifier, context);
}`,
);
writeFileSync(
  join(scratch, 'sdk-register.mjs'),
  "import { register } from 'node:module'; register('./sdk-hook.mjs', import.meta.url);",
);
const lazy = (load) => `
const { appendFileSync, readFileSync } = ${load('node:fs')};
const mark = (text) => appendFileSync(process.env.SDK_LOG, '-- ' + text + '\\n');
const lib = ${load('personalize-import')};
const testing = ${load('personalize-import/testing')};
const lambda = ${load('personalize-import/lambda')};
{
  const transport = new testing.MemoryTransport();
  transport.addTracker('t1');
  const handler = lambda.createKinesisHandler({
    writerOptions: { transport, trackingId: 't1' },
    toRecords: () => [{ kind: 'event', record: { sessionId: 's1', eventType: 'click', sentAt: new Date() } }],
  });
  const kinesis = { kinesisSchemaVersion: '1.0', partitionKey: '1', sequenceNumber: '4959', data: 'e30=', approximateArrivalTimestamp: 1 };
  const record = { kinesis, eventSource: 'aws:kinesis', eventVersion: '1.0', eventID: 'shardId-000000000000:4959', eventName: 'aws:kinesis:record', invokeIdentityArn: 'arn:aws:iam::123456789012:role/r', awsRegion: 'us-east-1', eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/s' };
  const answer = await handler({ Records: [record] }, { getRemainingTimeInMillis: () => 3000 });
  if (answer.batchItemFailures.length !== 0 || transport.events().length !== 1) throw new Error('kinesis handler: ' + JSON.stringify(answer));
}
const transport = new testing.MemoryTransport();
transport.addTracker('t1');
const writer = new lib.RecordWriter({ transport, trackingId: 't1' });
await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt: new Date() });
await writer.close();
await lib.validateCsv((${load('node:stream')}).Readable.from(['USER_ID\\nu1\\n']), { datasetType: 'Users', schema: { type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' } });
const aws = new lib.AwsTransport({ endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
mark('constructed');
await aws.putUsers({ datasetArn: 'arn:aws:personalize:eu-west-1:123456789012:dataset/g/USERS', users: [{ userId: 'u' }] }).catch(() => undefined);
mark('called');
aws.destroy();
const log = readFileSync(process.env.SDK_LOG, 'utf8');
const before = log.slice(0, log.indexOf('-- constructed')).trim();
if (before !== '') throw new Error('SDK or undici code loaded before the first AwsTransport call: ' + before.split('\\n').slice(0, 3).join(', '));
const after = log.slice(log.indexOf('-- constructed'));
if (!after.includes('@aws-sdk/client-personalize-events')) throw new Error('the Events call did not load the Events client');
if (!/^undici(\\/|$)/m.test(after)) throw new Error('the direct Events call did not load undici');
if (/@aws-sdk\\/client-(s3|personalize\\n)|lib-storage/.test(after)) throw new Error('an Events call loaded other clients: ' + after);
console.log('ok');
`;
writeFileSync(
  join(scratch, 'lazy.mjs'),
  lazy((name) => `await import('${name}')`),
);
writeFileSync(
  join(scratch, 'lazy.cjs'),
  `(async () => {${lazy((name) => `require('${name}')`)}})().catch((e) => { console.error(e); process.exit(1); });`,
);
for (const file of ['lazy.mjs', 'lazy.cjs']) {
  const log = join(scratch, `${file}.log`);
  writeFileSync(log, '');
  // The hook sees ESM resolution; CommonJS requires are logged by wrapping Module._resolveFilename.
  const cjsHook = join(scratch, 'sdk-cjs-hook.cjs');
  writeFileSync(
    cjsHook,
    "const M = require('module'); const fs = require('fs'); const o = M._resolveFilename; M._resolveFilename = function (r, ...a) { if (/^(@(aws-sdk|smithy)\\/|undici(\\/|$))/.test(r)) fs.appendFileSync(process.env.SDK_LOG, r + '\\n'); return o.call(this, r, ...a); };",
  );
  const out = run(process.execPath, ['--import', './sdk-register.mjs', '--require', cjsHook, file], {
    env: { ...process.env, SDK_LOG: log },
  }).trim();
  if (out !== 'ok') throw new Error(`${file}: ${out}`);
  console.log(`consumer ${file} (no SDK until AwsTransport is used, then only the client it needs): ok`);
}

// Types: the declarations of both entries resolve through the exports map from ESM and from CJS, the fake is a
// Transport, and misuse fails to compile.
const typesTest = `
import { RecordWriter, ThrottledError, type Transport, type WriterReport } from 'personalize-import';
import { ManualClock, MemoryTransport, type CallRecordOf, type MemoryTransportOptions } from 'personalize-import/testing';
import { createSqsHandler, type BatchResponse, type SqsHandler } from 'personalize-import/lambda';
const options: MemoryTransportOptions = { clock: new ManualClock(), latencyMs: 5 };
const transport: Transport = new MemoryTransport(options);
export const calls: CallRecordOf<'putEvents'>[] = new MemoryTransport().callsOf('putEvents');
export const error: ThrottledError | undefined = undefined;
// @ts-expect-error the fake's parts are private
void new MemoryTransport().state;
const writer = new RecordWriter({ transport, trackingId: 't' });
export const report: Promise<WriterReport> = writer.close();
// @ts-expect-error sentAt must be a Date
void writer.putEvent({ sessionId: 's', eventType: 'e', sentAt: 'yesterday' });
export const handler: SqsHandler = createSqsHandler({ writer, toRecords: (message) => [{ kind: 'user', record: { userId: message.messageId } }] });
export const answer: Promise<BatchResponse> = handler({ Records: [] });
// @ts-expect-error a record names its kind
createSqsHandler({ writer, toRecords: () => [{ record: { userId: 'u' } }] });
`;
// node10 resolution (`moduleResolution: node`, TypeScript's default with `module: commonjs`, common under ts-jest)
// ignores the exports map: the testing and lambda entries resolve there through `typesVersions`.
for (const [dir, type, resolution] of [
  ['types-esm', 'module', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ['types-cjs', 'commonjs', { module: 'nodenext', moduleResolution: 'nodenext' }],
  ['types-node10', 'commonjs', { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true }],
]) {
  mkdirSync(join(scratch, dir), { recursive: true });
  writeFileSync(join(scratch, dir, 'package.json'), JSON.stringify({ type }));
  writeFileSync(join(scratch, dir, 'index.ts'), typesTest);
  writeFileSync(
    join(scratch, dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        ...resolution,
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
      },
      files: ['index.ts'],
    }),
  );
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(scratch, dir)]);
  console.log(`consumer ${dir}: ok`);
}

const cli = join(installed, 'dist', 'cli.js');
const help = run(process.execPath, [cli, '--help']);
if (!help.includes('personalize-import')) throw new Error(`cli --help printed: ${help}`);
console.log('consumer cli --help: ok');
// The demo runs on MemoryTransport, which the built CLI loads from the built testing entry, by the package's name.
const demo = JSON.parse(run(process.execPath, [cli, 'demo', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] }));
if (typeof demo !== 'object' || demo === null) throw new Error('cli demo --json printed no JSON document');
console.log('consumer cli demo: ok');
rmSync(scratch, { recursive: true, force: true });
