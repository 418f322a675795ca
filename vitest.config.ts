import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packageSource = (name: string, entry = 'index') =>
  fileURLToPath(new URL(`./packages/${name}/src/${entry}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // Before the package's own entry: an alias also matches the paths below its name.
      '@anaplan-access/core/client': packageSource('core', 'client'),
      '@anaplan-access/core': packageSource('core'),
      '@anaplan-access/scim': packageSource('scim'),
      '@anaplan-access/bulk': packageSource('bulk'),
      '@anaplan-access/cloudworks': packageSource('cloudworks'),
      '@anaplan-access/audit': packageSource('audit'),
      '@anaplan-access/exception-users': packageSource('exception-users'),
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
