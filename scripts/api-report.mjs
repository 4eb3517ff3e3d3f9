// The API reports of the package's entry points (api/*.api.md), made by API Extractor from the built declarations.
//   node scripts/api-report.mjs           build, then fail when a report differs from the declarations (CI)
//   node scripts/api-report.mjs --update  build, then rewrite the reports (commit them with the change)
// Either way it also fails on an export without TSDoc, and on a type that a public signature names but that no entry
// point exports (the testing and lambda entries may name the root entry's types: they are one declaration, shared).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const entries = [
  { name: 'personalize-import', config: 'api-extractor.json' },
  { name: 'personalize-import/testing', config: 'api-extractor.testing.json' },
  { name: 'personalize-import/lambda', config: 'api-extractor.lambda.json' },
];

execFileSync(process.execPath, [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'], {
  cwd: root,
  stdio: 'inherit',
});

const problems = [];
const sources = new Map();
const exported = new Map();
for (const entry of entries) {
  const config = ExtractorConfig.loadFileAndPrepare(join(root, entry.config));
  const forgotten = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback(message) {
      // A top-level declaration (an export) starts its line; members are indented.
      if (message.messageId === 'ae-undocumented' && isTopLevel(message.sourceFilePath, message.sourceFileLine)) {
        problems.push(`${entry.name}: ${message.text} (add TSDoc to it)`);
      }
      if (message.messageId === 'ae-forgotten-export') forgotten.push(/"([^"]+)"/.exec(message.text)?.[1]);
    },
  });
  exported.set(entry.name, new Set(exportedNames(config)));
  for (const name of forgotten) {
    if (entry.name === entries[0].name || !exported.get(entries[0].name).has(name)) {
      problems.push(`${entry.name}: a public signature names \`${name}\`, which no entry point exports`);
    }
  }
  if (!result.succeeded) {
    problems.push(
      result.apiReportChanged
        ? `${entry.name}: the public declarations changed; run \`npm run api:report\` and commit api/`
        : `${entry.name}: API Extractor failed (${result.errorCount} errors)`,
    );
  }
}

function isTopLevel(path, line) {
  if (path === undefined || line === undefined) return true;
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8').split('\n'));
  return !/^\s/.test(sources.get(path)[line - 1] ?? '');
}

function exportedNames(config) {
  const source = readFileSync(config.mainEntryPointFilePath, 'utf8');
  const lists = [...source.matchAll(/^export \{([^}]*)\}/gm)].map((match) => match[1]);
  return lists.flatMap((list) =>
    list.split(',').map((item) =>
      item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1),
    ),
  );
}

if (problems.length > 0) {
  console.error(problems.map((problem) => `api-report: ${problem}`).join('\n'));
  process.exit(1);
}
console.log(`api-report: ${update ? 'written' : 'up to date'} (${entries.map((entry) => entry.name).join(', ')})`);
