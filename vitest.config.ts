import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packageSource = (name: string) =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@anaplan-access/core': packageSource('core'),
      '@anaplan-access/scim': packageSource('scim'),
      '@anaplan-access/bulk': packageSource('bulk'),
      '@anaplan-access/reconcile': packageSource('reconcile'),
      '@anaplan-access/testkit': packageSource('testkit'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['./test/setup/fail-on-console.ts'],
  },
});
