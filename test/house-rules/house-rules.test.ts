import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from './project.ts';
import { checkHouseRules, type RuleName } from './rules.ts';

// The house rules of docs/architecture.md over the real tree. rules.test.ts shows each rule failing on a
// deliberate violation; here every violation fails the test unless it is in `knownExceptions` with the issue that
// will remove it, and an exception that no longer occurs fails the test too, so that the list only shrinks.

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Violation key (see rules.ts) → why it is still there, naming the issue that removes it. */
const knownExceptions = new Map<string, string>([]);

const project = loadProject(root);
const violations = checkHouseRules(project);

const rules: [RuleName, string][] = [
  [
    'dependency-graph',
    'the packages depend on each other as the intended graph says, in package.json and imports',
  ],
  ['declared-dependencies', 'every package of ours a workspace package imports is declared as workspace:*'],
  ['entry-points', "another package's files are imported only through its entry"],
  ['import-cycles', 'no package has an import cycle between its own files'],
  ['test-support', 'test support lives under src/test-support/ and shipped code never imports it'],
  ['tests-by-name', "each source file's tests are found by its name or named in its header"],
  ['unique-exports', 'every name the published packages export is exported by one package only'],
];

describe('house rules over the real tree', () => {
  it('reads the workspace', () => {
    expect(project.packages.map((pkg) => pkg.dir)).toEqual(
      expect.arrayContaining([
        'packages/core',
        'packages/scim',
        'packages/bulk',
        'packages/reconcile',
        'packages/testkit',
        'test',
      ]),
    );
    expect(project.files.size).toBeGreaterThan(300);
  });

  for (const [rule, statement] of rules) {
    it(statement, () => {
      const found = violations.filter((violation) => violation.rule === rule);
      expect(
        found
          .filter((violation) => !knownExceptions.has(violation.key))
          .map((violation) => violation.message),
      ).toEqual([]);
    });
  }

  it('lists no known exception that no longer occurs', () => {
    const keys = new Set(violations.map((violation) => violation.key));
    expect([...knownExceptions.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });
});

describe('docs/architecture.md matches the tree', () => {
  const page = readFileSync(new URL('docs/architecture.md', `file://${root}`), 'utf8');
  const spans = [...page.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
  const reconcileSource = 'packages/reconcile/src';

  it('names every folder of the reconcile pipeline (internal/ and test-support/ aside)', () => {
    const folders = readdirSync(new URL(reconcileSource, `file://${root}`), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isDirectory())
      .map((entry) =>
        `${entry.parentPath.slice(`${root}${reconcileSource}`.length + 1)}/${entry.name}`.replace(/^\//, ''),
      )
      .filter((folder) => !/(^|\/)(internal|test-support|node_modules)(\/|$)/.test(folder));
    expect(folders).toContain('apply/locks');
    expect(folders.filter((folder) => !spans.includes(`${folder}/`))).toEqual([]);
  });

  it('names only packages and source files that exist', () => {
    const sourceNames = new Set([...project.files.keys()].map((path) => path.split('/').at(-1)));
    const packageDirs = new Set(project.packages.map((pkg) => pkg.dir));
    const missing = spans.filter(
      (span) =>
        (/^[a-z0-9][a-z0-9-]+\.ts$/.test(span) && !sourceNames.has(span)) ||
        (/^packages\/[a-z-]+$/.test(span) && !packageDirs.has(span)),
    );
    expect(missing).toEqual([]);
  });
});
