// A small workspace that keeps every house rule (the layering core ← scim, core ← bulk, all three ← reconcile, a
// testkit that imports nothing of ours, an example, test/), written to a temporary folder so that rules.test.ts can
// break one rule at a time and read the tree back with the same loader as the real one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject, type Project } from './project.ts';

/** File path (relative to the root) → content; a `package.json` is given as an object. */
export type FixtureTree = Record<string, string | Record<string, unknown>>;

const entry = { '.': { types: './dist/index.d.ts', default: './dist/index.js' } };

function manifest(name: string, dependencies: string[], extra: Record<string, unknown> = {}) {
  return {
    name: `@anaplan-access/${name}`,
    type: 'module',
    exports: entry,
    dependencies: Object.fromEntries(
      dependencies.map((dependency) => [`@anaplan-access/${dependency}`, 'workspace:*']),
    ),
    ...extra,
  };
}

const devTestkit = { devDependencies: { '@anaplan-access/testkit': 'workspace:*' } };

/** A fresh copy of the workspace that keeps every rule. */
export function cleanTree(): FixtureTree {
  return {
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - examples/*\n  - test\n',
    'packages/core/package.json': manifest('core', [], {
      exports: {
        ...entry,
        './client': { types: './dist/client.d.ts', default: './dist/client.js' },
        './package.json': './package.json',
      },
    }),
    'packages/core/src/index.ts':
      "export { greet } from './greet.js';\nexport type { Greeting } from './greeting.js';\n",
    'packages/core/src/greeting.ts': 'export interface Greeting {\n  text: string;\n}\n',
    'packages/core/src/greet.ts':
      "import type { Greeting } from './greeting.js';\n\nexport function greet(): Greeting {\n  return { text: 'hi' };\n}\n",
    'packages/core/src/greet.test.ts': "import { greet } from './greet.js';\n\ngreet();\n",
    'packages/core/src/client.ts': "// Tests: ./greet.test.ts\n\nexport const transport = 'client';\n",
    'packages/scim/package.json': manifest('scim', ['core'], devTestkit),
    'packages/scim/src/index.ts': "export { scimGreet } from './scim-greet.js';\n",
    'packages/scim/src/scim-greet.ts':
      "import { greet } from '@anaplan-access/core';\nimport { transport } from '@anaplan-access/core/client';\n\nexport const scimGreet = () => [greet(), transport];\n",
    'packages/scim/src/scim-greet.test.ts':
      "import { startSimulator } from '@anaplan-access/testkit';\nimport { scimGreet } from './scim-greet.js';\n\nstartSimulator();\nscimGreet();\n",
    'packages/bulk/package.json': manifest('bulk', ['core']),
    'packages/bulk/src/index.ts': "export { upload } from './upload/upload.js';\n",
    'packages/bulk/src/upload/upload.ts':
      "import { greet } from '@anaplan-access/core';\nimport { chunk } from '../internal/chunk.js';\n\nexport const upload = () => chunk(greet().text);\n",
    'packages/bulk/src/upload/upload.test.ts':
      "import { upload } from './upload.js';\nimport { sample } from '../test-support/sample.js';\n\nupload(sample);\n",
    'packages/bulk/src/internal/chunk.ts': 'export const chunk = (text: string) => [text];\n',
    'packages/bulk/src/internal/chunk.test.ts': "import { chunk } from './chunk.js';\n\nchunk('a');\n",
    'packages/bulk/src/test-support/sample.ts': "export const sample = 'a,b';\n",
    'packages/audit/package.json': manifest('audit', ['core']),
    'packages/audit/src/index.ts': "export { auditGreet } from './audit-greet.js';\n",
    'packages/audit/src/audit-greet.ts':
      "import { greet } from '@anaplan-access/core';\n\nexport const auditGreet = () => greet();\n",
    'packages/audit/src/audit-greet.test.ts':
      "import { auditGreet } from './audit-greet.js';\n\nauditGreet();\n",
    'packages/exception-users/package.json': manifest('exception-users', ['core']),
    'packages/exception-users/src/index.ts': "export { ssoGreet } from './sso-greet.js';\n",
    'packages/exception-users/src/sso-greet.ts':
      "import { greet } from '@anaplan-access/core';\n\nexport const ssoGreet = () => greet();\n",
    'packages/exception-users/src/sso-greet.test.ts':
      "import { ssoGreet } from './sso-greet.js';\n\nssoGreet();\n",
    'packages/cloudworks/package.json': manifest('cloudworks', ['core']),
    'packages/cloudworks/src/index.ts': "export { cloudWorksGreet } from './cloudworks-greet.js';\n",
    'packages/cloudworks/src/cloudworks-greet.ts':
      "import { greet } from '@anaplan-access/core';\n\nexport const cloudWorksGreet = () => greet();\n",
    'packages/cloudworks/src/cloudworks-greet.test.ts':
      "import { cloudWorksGreet } from './cloudworks-greet.js';\n\ncloudWorksGreet();\n",
    'packages/reconcile/package.json': manifest('reconcile', [
      'core',
      'scim',
      'bulk',
      'audit',
      'exception-users',
      'cloudworks',
    ]),
    'packages/reconcile/src/index.ts': "export { plan } from './plan/plan.js';\n",
    'packages/reconcile/src/plan/plan.ts':
      "import { auditGreet } from '@anaplan-access/audit';\nimport { upload } from '@anaplan-access/bulk';\nimport { cloudWorksGreet } from '@anaplan-access/cloudworks';\nimport type { Greeting } from '@anaplan-access/core';\nimport { ssoGreet } from '@anaplan-access/exception-users';\nimport { scimGreet } from '@anaplan-access/scim';\n\nexport const plan = (greeting: Greeting) => [upload(), scimGreet(), auditGreet(), ssoGreet(), cloudWorksGreet(), greeting];\n",
    'packages/reconcile/src/plan/plan.test.ts': "import { plan } from './plan.js';\n\nplan({ text: '' });\n",
    'packages/testkit/package.json': manifest('testkit', [], { bin: { sim: './dist/cli.js' } }),
    'packages/testkit/src/index.ts': "export { startSimulator } from './simulator.js';\n",
    'packages/testkit/src/simulator.ts': 'export function startSimulator() {\n  return {};\n}\n',
    'packages/testkit/src/simulator.test.ts':
      "import { startSimulator } from './simulator.js';\nimport { harness } from './test-support/harness.js';\n\nharness(startSimulator());\n",
    'packages/testkit/src/test-support/harness.ts': 'export const harness = (value: unknown) => value;\n',
    'packages/testkit/src/cli.ts':
      "// Tests: ./simulator.test.ts\n\nimport { startSimulator } from './simulator.js';\n\nstartSimulator();\n",
    'examples/demo/package.json': {
      name: '@anaplan-access/example-demo',
      private: true,
      dependencies: { '@anaplan-access/reconcile': '^0.1.0' },
    },
    'examples/demo/src/main.ts':
      "import { plan } from '@anaplan-access/reconcile';\n\nexport const run = () => plan({ text: '' });\n",
    'test/package.json': {
      name: '@anaplan-access/test',
      private: true,
      dependencies: {
        '@anaplan-access/reconcile': 'workspace:*',
        '@anaplan-access/testkit': 'workspace:*',
      },
    },
    'test/e2e/demo.e2e.test.ts':
      "import { plan } from '@anaplan-access/reconcile';\nimport { startSimulator } from '@anaplan-access/testkit';\nimport { run } from '../../examples/demo/src/main.ts';\nimport { helper } from '../helpers/helper.js';\n\nhelper(startSimulator(), plan, run);\n",
    'test/helpers/helper.ts': 'export const helper = (...values: unknown[]) => values;\n',
    'test/bulk/child.mjs': "await import('../../packages/testkit/src/index.ts');\n",
  };
}

/** Writes `tree` to a new temporary folder, reads it back as a Project, and removes the folder. */
export function projectOf(tree: FixtureTree): Project {
  const root = mkdtempSync(join(tmpdir(), 'house-rules-'));
  try {
    for (const [path, content] of Object.entries(tree)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(
        join(root, path),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
    }
    return loadProject(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
