// Consumer test: packs the package as npm would publish it (the `files` allow-list), installs the tarball in a
// scratch project and imports it the two ways users do (ESM `import`, CJS `require`), then type-checks a TypeScript
// consumer against the shipped declarations under both module systems. It packs from a tree without dist/, as a
// fresh clone or an install from git is: the `prepack` script must build it (the one build of this run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
const expected = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js'];
const absent = expected.filter((path) => !packed.includes(`package/${path}`));
if (absent.length > 0)
  throw new Error(`npm pack without a prior build lacks ${absent.join(', ')} (is there a prepack?)`);
console.log(`consumer pack: ${packed.filter(Boolean).length} files, ${expected.join(', ')} among them: ok`);
run('tar', ['-xzf', join(scratch, tarball), '-C', installed, '--strip-components=1']);

const smoke = (load) => `
const lib = ${load};
const names = ['RecordWriter', 'MemoryTransport', 'AwsTransport', 'DatasetImporter', 'validateCsv', 'RecordValidationError', 'ImportJobFailedError'];
const missing = names.filter((name) => lib[name] === undefined);
if (missing.length > 0) throw new Error('missing exports: ' + missing.join(', '));
if ('default' in lib && lib.default !== undefined) throw new Error('the package must have named exports only');
const transport = new lib.MemoryTransport();
transport.addTracker('t1');
const writer = new lib.RecordWriter({ transport, trackingId: 't1' });
await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt: new Date() });
const report = await writer.close();
if (report.delivered.events !== 1 || transport.events().length !== 1) throw new Error('event not delivered: ' + JSON.stringify(report));
try { await writer.putEvent({ sessionId: 's1', eventType: 'click', sentAt: new Date() }); throw new Error('no error'); }
catch (error) { if (!(error instanceof lib.WriterClosedError) || error.code !== 'WRITER_CLOSED') throw error; }
console.log('ok');
`;
writeFileSync(join(scratch, 'esm.mjs'), smoke("await import('personalize-import')"));
writeFileSync(
  join(scratch, 'cjs.cjs'),
  `(async () => {${smoke("require('personalize-import')")}})().catch((e) => { console.error(e); process.exit(1); });`,
);
for (const file of ['esm.mjs', 'cjs.cjs']) {
  const out = run(process.execPath, [file]).trim();
  if (out !== 'ok') throw new Error(`${file}: ${out}`);
  console.log(`consumer ${file}: ok`);
}

// Types: the declarations resolve through the exports map from ESM and from CJS, and misuse fails to compile.
const typesTest = `
import { MemoryTransport, RecordWriter, type Transport, type WriterReport } from 'personalize-import';
const transport: Transport = new MemoryTransport();
const writer = new RecordWriter({ transport, trackingId: 't' });
export const report: Promise<WriterReport> = writer.close();
// @ts-expect-error sentAt must be a Date
void writer.putEvent({ sessionId: 's', eventType: 'e', sentAt: 'yesterday' });
`;
for (const [dir, type] of [
  ['types-esm', 'module'],
  ['types-cjs', 'commonjs'],
]) {
  mkdirSync(join(scratch, dir), { recursive: true });
  writeFileSync(join(scratch, dir, 'package.json'), JSON.stringify({ type }));
  writeFileSync(join(scratch, dir, 'index.ts'), typesTest);
  writeFileSync(
    join(scratch, dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
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
rmSync(scratch, { recursive: true, force: true });
