import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // p-retry is ESM-only: bundle it into the CJS build, or `require` fails at run time
    // with "(0, import_p_retry.default) is not a function" (TOOLCHAIN.md).
    noExternal: ['p-retry'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // The CLI imports the package the way a user would: src/cli/library.ts imports `../index.js` (so typecheck and
    // tests work from source, before any build), and this plugin turns that one import into the package's own name,
    // kept external. dist/cli.js then loads dist/index.js through the exports map (a package may import itself by
    // name), so the CLI runs on the built library, with one copy of every class.
    external: ['personalize-import'],
    esbuildPlugins: [
      {
        name: 'cli-imports-the-package',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
            args.importer.replaceAll('\\', '/').endsWith('src/cli/library.ts')
              ? { path: 'personalize-import', external: true }
              : undefined,
          );
        },
      },
    ],
  },
]);
