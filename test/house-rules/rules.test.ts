import { describe, expect, it } from 'vitest';
import { cleanTree, type FixtureTree, projectOf } from './fixture-tree.ts';
import {
  checkDeclaredDependencies,
  checkDependencyGraph,
  checkEntryPoints,
  checkHouseRules,
  checkImportCycles,
  checkTestSupport,
  checkTestsByName,
  checkUniqueExports,
  type Violation,
} from './rules.ts';

// Each house rule, shown failing on a deliberate violation: a clean fixture workspace (fixture-tree.ts) with one
// file added or changed, read back by the same loader as the real tree.

/** The clean tree with `changes` applied (a `null` removes the file). */
function treeWith(changes: Record<string, FixtureTree[string] | null>): FixtureTree {
  const tree = cleanTree();
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete tree[path];
    else tree[path] = content;
  }
  return tree;
}

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The clean tree's package.json at `path`, changed by `change`, as a change for treeWith(). */
function manifestOf(path: string, change: (manifest: Manifest) => void): Record<string, FixtureTree[string]> {
  const manifest = structuredClone(cleanTree()[path]) as unknown as Manifest;
  change(manifest);
  return { [path]: manifest as unknown as Record<string, unknown> };
}

const messages = (violations: Violation[]) => violations.map((violation) => violation.message);

describe('the clean fixture workspace', () => {
  it('keeps every rule, so that each violation below is the one change made', () => {
    expect(messages(checkHouseRules(projectOf(cleanTree())))).toEqual([]);
  });
});

describe('(a) the dependency graph', () => {
  it('fails when shipped code imports a package beside it (scim → bulk)', () => {
    const project = projectOf(
      treeWith({
        'packages/scim/src/scim-greet.ts':
          "import { upload } from '@anaplan-access/bulk';\n\nexport const scimGreet = () => upload();\n",
      }),
    );
    expect(messages(checkDependencyGraph(project))).toContainEqual(
      expect.stringMatching(
        /^packages\/scim\/src\/scim-greet\.ts:1: imports @anaplan-access\/bulk: against the layering/,
      ),
    );
  });

  it('fails when a package.json depends up the arrows (core → reconcile)', () => {
    const project = projectOf(
      treeWith(
        manifestOf('packages/core/package.json', (manifest) => {
          manifest.dependencies['@anaplan-access/reconcile'] = 'workspace:*';
        }),
      ),
    );
    expect(messages(checkDependencyGraph(project))).toContainEqual(
      expect.stringMatching(
        /^packages\/core\/package\.json: depends on @anaplan-access\/reconcile: not in the intended graph/,
      ),
    );
  });

  it('fails when a package lacks a dependency the graph gives it, or never imports it', () => {
    const lacking = projectOf(
      treeWith(
        manifestOf('packages/reconcile/package.json', (manifest) => {
          delete manifest.dependencies['@anaplan-access/scim'];
        }),
      ),
    );
    expect(messages(checkDependencyGraph(lacking))).toContainEqual(
      expect.stringContaining(
        'gives @anaplan-access/reconcile a dependency on @anaplan-access/scim, package.json does not',
      ),
    );
    const unused = projectOf(
      treeWith({
        'packages/reconcile/src/plan/plan.ts':
          "import { upload } from '@anaplan-access/bulk';\nimport type { Greeting } from '@anaplan-access/core';\n\nexport const plan = (greeting: Greeting) => [upload(), greeting];\n",
      }),
    );
    expect(messages(checkDependencyGraph(unused))).toContainEqual(
      expect.stringContaining('a dependency on @anaplan-access/scim, but its code never imports it'),
    );
  });

  it('fails when the testkit imports one of our packages', () => {
    const project = projectOf(
      treeWith({
        'packages/testkit/src/simulator.ts':
          "import { greet } from '@anaplan-access/core';\n\nexport function startSimulator() {\n  return greet();\n}\n",
      }),
    );
    expect(messages(checkDependencyGraph(project))).toContainEqual(
      'packages/testkit/src/simulator.ts:1: @anaplan-access/testkit is for tests and imports none of ours: @anaplan-access/core',
    );
  });

  it('fails when shipped code imports the testkit, or a package depends on it outside devDependencies', () => {
    const imported = projectOf(
      treeWith({
        'packages/bulk/src/upload/upload.ts':
          "import { greet } from '@anaplan-access/core';\nimport { startSimulator } from '@anaplan-access/testkit';\n\nexport const upload = () => [greet(), startSimulator()];\n",
      }),
    );
    expect(messages(checkDependencyGraph(imported))).toContainEqual(
      expect.stringMatching(
        /^packages\/bulk\/src\/upload\/upload\.ts:2: imports @anaplan-access\/testkit: shipped code never imports a test-only package/,
      ),
    );
    const declared = projectOf(
      treeWith(
        manifestOf('packages/scim/package.json', (manifest) => {
          manifest.dependencies['@anaplan-access/testkit'] = 'workspace:*';
        }),
      ),
    );
    expect(messages(checkDependencyGraph(declared))).toContainEqual(
      'packages/scim/package.json: depends on @anaplan-access/testkit: @anaplan-access/testkit is for tests only: a devDependency, never a dependency',
    );
  });

  it("fails when a package's tests import a package above it (core's test → reconcile)", () => {
    const project = projectOf(
      treeWith({
        'packages/core/src/greet.test.ts':
          "import { plan } from '@anaplan-access/reconcile';\nimport { greet } from './greet.js';\n\nplan(greet());\n",
      }),
    );
    expect(messages(checkDependencyGraph(project))).toContainEqual(
      'packages/core/src/greet.test.ts:1: a test of @anaplan-access/core imports @anaplan-access/reconcile, above it in the layering',
    );
  });

  it('fails on a package the intended graph does not know', () => {
    const project = projectOf(treeWith({ 'packages/extra/package.json': { name: '@anaplan-access/extra' } }));
    expect(messages(checkDependencyGraph(project))).toContainEqual(
      'packages/extra/package.json: @anaplan-access/extra is not in the intended graph',
    );
  });

  it("fails when a package's tests use the testkit without declaring it as a devDependency", () => {
    const project = projectOf(
      treeWith(
        manifestOf('packages/scim/package.json', (manifest) => {
          delete manifest.devDependencies;
        }),
      ),
    );
    expect(messages(checkDeclaredDependencies(project))).toEqual([
      'packages/scim/src/scim-greet.test.ts:1: imports @anaplan-access/testkit, which packages/scim/package.json does not declare (add it to devDependencies as workspace:*)',
    ]);
  });

  it('fails on a devDependency of ours nothing imports, or one not given as workspace:*', () => {
    const project = projectOf(
      treeWith(
        manifestOf('packages/bulk/package.json', (manifest) => {
          manifest.devDependencies = { '@anaplan-access/testkit': '^0.1.0' };
        }),
      ),
    );
    expect(messages(checkDeclaredDependencies(project))).toEqual([
      'packages/bulk/package.json: @anaplan-access/testkit is ^0.1.0, not workspace:*',
      'packages/bulk/package.json: devDependency @anaplan-access/testkit is imported by none of its files',
    ]);
  });
  it('fails on an example that declares a package of ours as workspace:*, which cannot install when copied out', () => {
    const project = projectOf(
      treeWith(
        manifestOf('examples/demo/package.json', (manifest) => {
          manifest.dependencies['@anaplan-access/reconcile'] = 'workspace:*';
        }),
      ),
    );
    expect(messages(checkDeclaredDependencies(project))).toEqual([
      'examples/demo/package.json: @anaplan-access/reconcile is workspace:*, not a version range (^x.y.z)',
    ]);
  });
});

describe("(b) another package's files are reached through its entry", () => {
  it("fails when a test imports another package's src/internal/ file", () => {
    const project = projectOf(
      treeWith({
        'test/e2e/chunks.test.ts':
          "import { chunk } from '../../packages/bulk/src/internal/chunk.js';\n\nchunk('a');\n",
      }),
    );
    expect(messages(checkEntryPoints(project))).toEqual([
      'test/e2e/chunks.test.ts:1: imports ../../packages/bulk/src/internal/chunk.js, a file of packages/bulk: import @anaplan-access/bulk by its entry',
    ]);
  });

  it("fails when a package's unit test reaches into the root test/ folder", () => {
    const project = projectOf(
      treeWith({
        'packages/core/src/greet.test.ts':
          "import { helper } from '../../../test/helpers/helper.js';\nimport { greet } from './greet.js';\n\nhelper(greet());\n",
      }),
    );
    expect(messages(checkEntryPoints(project))).toEqual([
      'packages/core/src/greet.test.ts:1: imports ../../../test/helpers/helper.js, a file of test: test is not a library: share the file through a package (test helpers: packages/test-support)',
    ]);
  });

  it('fails on a deep import by package name, or on an import of the build output', () => {
    const project = projectOf(
      treeWith({
        'examples/demo/src/main.ts':
          "import { plan } from '@anaplan-access/reconcile';\nimport { chunk } from '@anaplan-access/bulk/src/internal/chunk.js';\n\nexport const run = () => plan(chunk('a'));\n",
        'examples/demo/package.json': {
          name: '@anaplan-access/example-demo',
          private: true,
          dependencies: { '@anaplan-access/reconcile': 'workspace:*', '@anaplan-access/bulk': 'workspace:*' },
        },
        'test/bench/plan.ts':
          "import { plan } from '../../packages/reconcile/dist/plan/plan.js';\n\nplan();\n",
      }),
    );
    expect(messages(checkEntryPoints(project))).toEqual([
      'examples/demo/src/main.ts:2: imports @anaplan-access/bulk/src/internal/chunk.js: not an entry of @anaplan-access/bulk (.)',
      'test/bench/plan.ts:1: imports ../../packages/reconcile/dist/plan/plan.js, a file of packages/reconcile: import @anaplan-access/reconcile by its entry',
    ]);
  });
});

describe('(c) no import cycle inside a package', () => {
  it('fails on two files that import each other, even for types only', () => {
    const project = projectOf(
      treeWith({
        'packages/bulk/src/internal/chunk.ts':
          "import type { Upload } from '../upload/upload.js';\n\nexport const chunk = (text: string): Upload[] => [];\n",
      }),
    );
    expect(messages(checkImportCycles(project))).toEqual([
      'packages/bulk: import cycle src/internal/chunk.ts → src/upload/upload.ts → src/internal/chunk.ts',
    ]);
  });

  it('names the shortest loop and counts the files of a longer cycle', () => {
    const project = projectOf(
      treeWith({
        'packages/core/src/greeting.ts':
          "import type { Tone } from './tone.js';\n\nexport interface Greeting {\n  tone: Tone;\n}\n",
        'packages/core/src/tone.ts':
          "import { greet } from './greet.js';\n\nexport type Tone = ReturnType<typeof greet>;\n",
      }),
    );
    expect(messages(checkImportCycles(project))).toEqual([
      'packages/core: import cycle src/greet.ts → src/greeting.ts → src/tone.ts → src/greet.ts',
    ]);
  });
});

describe('§7 test support in src/test-support/, tests found by name', () => {
  it('fails on a *.test-support.ts file, on shipped code importing test support, and on a file only tests use', () => {
    const project = projectOf(
      treeWith({
        'packages/testkit/src/harness.test-support.ts': 'export const seed = {};\n',
        'packages/bulk/src/upload/upload.ts':
          "import { greet } from '@anaplan-access/core';\nimport { chunk } from '../internal/chunk.js';\nimport { sample } from '../test-support/sample.js';\n\nexport const upload = () => [chunk(greet().text), sample];\n",
        'packages/core/src/fake-clock.ts': 'export const fakeClock = () => 0;\n',
        'packages/core/src/greet.test.ts':
          "import { fakeClock } from './fake-clock.js';\nimport { greet } from './greet.js';\n\ngreet(fakeClock());\n",
      }),
    );
    expect(messages(checkTestSupport(project))).toEqual([
      'packages/bulk/src/upload/upload.ts:3: shipped code imports test support packages/bulk/src/test-support/sample.ts (left out of the published files)',
      'packages/core/src/fake-clock.ts: only tests import it and no entry reaches it: test support belongs under packages/core/src/test-support/',
      'packages/testkit/src/harness.test-support.ts: test support lives under packages/testkit/src/test-support/',
    ]);
  });

  it('fails on a source file with no test by its name and no header naming one, or a header naming a missing test', () => {
    const project = projectOf(
      treeWith({
        'packages/scim/src/filter.ts': 'export const filter = (text: string) => text;\n',
        'packages/scim/src/patch.ts':
          '// Tests: ./patch.test.ts, test/e2e/demo.e2e.test.ts\n\nexport const patch = 1;\n',
        'packages/scim/src/urns.ts': '/**\n * Tests: test/e2e/demo.e2e.test.ts\n */\nexport const urn = 1;\n',
        'packages/scim/src/filter-types.ts': 'export type Filter = string;\n',
        'packages/scim/src/sort.ts': 'export const sort = 1;\n',
        'packages/scim/src/sort.unit.test.ts': "import { sort } from './sort.js';\n\nsort;\n",
      }),
    );
    expect(messages(checkTestsByName(project))).toEqual([
      'packages/scim/src/filter.ts: no filter.test.ts beside it and no "// Tests: <files>" header naming where its tests are',
      'packages/scim/src/patch.ts: its header names packages/scim/src/patch.test.ts, which does not exist',
    ]);
  });
});

describe('§4 one vocabulary: every exported name belongs to one package', () => {
  it('fails when two packages export the same name, naming both', () => {
    const project = projectOf(
      treeWith({
        'packages/scim/src/index.ts':
          "export { scimGreet } from './scim-greet.js';\nexport type { User } from './user.js';\n",
        'packages/scim/src/user.ts': 'export interface User {\n  userName: string;\n}\n',
        'packages/bulk/src/index.ts':
          "export { upload } from './upload/upload.js';\nexport * from './tenant-types.js';\n",
        'packages/bulk/src/tenant-types.ts': 'export interface User {\n  email: string;\n}\n',
      }),
    );
    expect(messages(checkUniqueExports(project))).toEqual([
      "packages/bulk/src/tenant-types.ts:1: exports User, as @anaplan-access/scim (packages/scim/src/index.ts:2) does too: every exported name belongs to one package; where two APIs share a noun, the type carries the API's name (ScimUser, IntegrationUser)",
    ]);
  });

  it("fails on a name of a package's second entry, and not on a re-export of another package's symbol", () => {
    const project = projectOf(
      treeWith({
        'packages/core/src/client.ts': "// Tests: ./greet.test.ts\n\nexport const transport = 'client';\n",
        'packages/testkit/src/index.ts':
          "export { startSimulator } from './simulator.js';\nexport const transport = 'simulated';\n",
        'packages/reconcile/src/index.ts':
          "export { plan } from './plan/plan.js';\nexport { upload } from '@anaplan-access/bulk';\n",
      }),
    );
    expect(messages(checkUniqueExports(project))).toEqual([
      "packages/core/src/client.ts:3: exports transport, as @anaplan-access/testkit (packages/testkit/src/index.ts:2) does too: every exported name belongs to one package; where two APIs share a noun, the type carries the API's name (ScimUser, IntegrationUser)",
    ]);
  });
});
