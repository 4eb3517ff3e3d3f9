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
    // The CLI imports the package the way a user would; keep it external so the CLI runs on the built library.
    external: ['personalize-import'],
  },
]);
