import { defineConfig } from 'tsup';

// The package's entry points, each a module of src/ that lists its exports: `personalize-import` (the product),
// `personalize-import/testing` (what users' tests need) and `personalize-import/lambda` (handlers for Lambda event
// sources). Another is added here, in package.json's `exports` and `typesVersions`, and in scripts/api-report.mjs.
const entries = { index: 'src/index.ts', testing: 'src/testing.ts', lambda: 'src/lambda.ts' };

// The CLI imports the package the way a user would: src/cli/library.ts imports `../index.js` and `../testing.js`
// (so typecheck and tests work from source, before any build), and this plugin turns those imports into the
// package's own names, kept external. dist/cli.js then loads dist/index.js and dist/testing.js through the exports
// map (a package may import itself by name), so the CLI runs on the built library, with one copy of every class.
const packageImports: Readonly<Record<string, string>> = {
  '../index.js': 'personalize-import',
  '../testing.js': 'personalize-import/testing',
};

export default defineConfig([
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // Code the two entries share (the errors, the clock) goes into shared chunks, in the CJS build too: an error
    // thrown by MemoryTransport (from `/testing`) is then `instanceof` the class of the root entry.
    splitting: true,
    // p-retry is ESM-only: bundle it into the CJS build, or `require` fails at run time
    // with "(0, import_p_retry.default) is not a function" (see the README's notes on the build).
    noExternal: ['p-retry'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: Object.values(packageImports),
    esbuildPlugins: [
      {
        name: 'cli-imports-the-package',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/(index|testing)\.js$/ }, (args) => {
            const name = packageImports[args.path];
            return name !== undefined && args.importer.replaceAll('\\', '/').endsWith('src/cli/library.ts')
              ? { path: name, external: true }
              : undefined;
          });
        },
      },
    ],
  },
]);
