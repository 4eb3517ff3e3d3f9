import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The examples (examples/) import the package by its name, as users do: here that name is the source.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^personalize-import$/, replacement: source('./src/index.ts') },
      { find: /^personalize-import\/(testing|lambda)$/, replacement: source('./src/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
