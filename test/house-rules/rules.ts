// The house rules (docs/architecture.md, "House rules"), each a function from a Project (project.ts) to the
// violations it finds, so that the real-tree test and the fixture tests run the same code.
import { posix } from 'node:path';
import {
  type Project,
  type ProjectFile,
  packageOf,
  resolveRelative,
  splitBareSpecifier,
  type WorkspacePackage,
} from './project.ts';

/** One broken rule. `key` is stable (no line numbers) so that an allowlist can name it. */
export interface Violation {
  rule: RuleName;
  key: string;
  /** Where and what, for a person: `path:line: message`. */
  message: string;
}

export type RuleName =
  | 'dependency-graph'
  | 'declared-dependencies'
  | 'entry-points'
  | 'import-cycles'
  | 'test-support'
  | 'tests-by-name'
  | 'unique-exports';

/** The packages of ours and what each may depend on. */
export interface IntendedGraph {
  /** Each published package by name → the packages of ours its shipped code depends on (exactly these). */
  runtime: Record<string, readonly string[]>;
  /** Packages for tests only: never a `dependency` of a published package, and they import none of ours. */
  testOnly: readonly string[];
}

/**
 * The layering of docs/architecture.md: core ← scim, bulk, audit, exception-users, cloudworks; core + scim + bulk +
 * audit + cloudworks + exception-users ← reconcile.
 */
export const intendedGraph: IntendedGraph = {
  runtime: {
    '@anaplan-access/core': [],
    '@anaplan-access/scim': ['@anaplan-access/core'],
    '@anaplan-access/bulk': ['@anaplan-access/core'],
    '@anaplan-access/audit': ['@anaplan-access/core'],
    '@anaplan-access/exception-users': ['@anaplan-access/core'],
    '@anaplan-access/cloudworks': ['@anaplan-access/core'],
    '@anaplan-access/reconcile': [
      '@anaplan-access/core',
      '@anaplan-access/scim',
      '@anaplan-access/bulk',
      '@anaplan-access/audit',
      '@anaplan-access/cloudworks',
      '@anaplan-access/exception-users',
    ],
  },
  testOnly: ['@anaplan-access/testkit', '@anaplan-access/test-support'],
};

const testFilePattern = /\.test\.[cm]?[jt]sx?$/;

/** A test, or a file that exists for tests (under a `test-support/` folder). */
export function isTestCode(path: string): boolean {
  return (
    testFilePattern.test(path) || path.includes('/test-support/') || /\.test-support\.[cm]?[jt]s$/.test(path)
  );
}

/** Published code: a non-test file under the `src/` of a package that is not private. */
function isShipped(project: Project, file: ProjectFile): boolean {
  const pkg = packageOf(project, file);
  return (
    pkg !== undefined &&
    !pkg.private &&
    pkg.dir.startsWith('packages/') &&
    file.path.startsWith(`${pkg.dir}/src/`) &&
    !isTestCode(file.path)
  );
}

function violation(rule: RuleName, key: string, where: string, message: string): Violation {
  return { rule, key: `${rule}: ${key}`, message: `${where}: ${message}` };
}

function ourPackages(project: Project): Map<string, WorkspacePackage> {
  return new Map(project.packages.map((pkg) => [pkg.name, pkg]));
}

/** The packages of ours a file imports, by bare specifier (itself excluded). */
function importedPackages(project: Project, file: ProjectFile) {
  const ours = ourPackages(project);
  const self = packageOf(project, file)?.name;
  return file.imports.flatMap((ref) => {
    if (ref.specifier.startsWith('.')) return [];
    const { name, subpath } = splitBareSpecifier(ref.specifier);
    const target = ours.get(name);
    return target && name !== self ? [{ ref, name, subpath, target }] : [];
  });
}

function layering(graph: IntendedGraph): string {
  return Object.entries(graph.runtime)
    .filter(([, dependencies]) => dependencies.length > 0)
    .map(([name, dependencies]) => `${dependencies.join(' + ')} ← ${name}`)
    .join(', ');
}

/**
 * (a) The dependency graph: a published package depends on exactly the packages of ours the intended graph gives it,
 * in package.json `dependencies` and in the imports of its shipped code; its tests import no package above it; the
 * test-only packages import none of ours; shipped code never imports a test-only package.
 */
export function checkDependencyGraph(project: Project, graph: IntendedGraph = intendedGraph): Violation[] {
  const found: Violation[] = [];
  const testOnly = new Set(graph.testOnly);
  const ours = ourPackages(project);
  for (const pkg of project.packages.filter((candidate) => candidate.dir.startsWith('packages/'))) {
    const manifest = `${pkg.dir}/package.json`;
    const intended = graph.runtime[pkg.name];
    if (!intended && !testOnly.has(pkg.name)) {
      found.push(
        violation(
          'dependency-graph',
          `${pkg.name} unknown`,
          manifest,
          `${pkg.name} is not in the intended graph`,
        ),
      );
      continue;
    }
    const expected = new Set(intended ?? []);
    const declared = Object.keys(pkg.dependencies).filter((name) => ours.has(name));
    for (const name of declared.filter((candidate) => !expected.has(candidate))) {
      const why = testOnly.has(name)
        ? `${name} is for tests only: a devDependency, never a dependency`
        : `not in the intended graph (${layering(graph)})`;
      found.push(
        violation('dependency-graph', `${pkg.name} declares ${name}`, manifest, `depends on ${name}: ${why}`),
      );
    }
    for (const name of [...expected].filter((candidate) => !declared.includes(candidate))) {
      found.push(
        violation(
          'dependency-graph',
          `${pkg.name} lacks ${name}`,
          manifest,
          `the intended graph gives ${pkg.name} a dependency on ${name}, package.json does not`,
        ),
      );
    }
    const importedByShipped = new Set<string>();
    for (const file of [...project.files.values()].filter((candidate) => candidate.packageDir === pkg.dir)) {
      for (const { ref, name } of importedPackages(project, file)) {
        const where = `${file.path}:${ref.line}`;
        const key = `${file.path} imports ${name}`;
        if (testOnly.has(pkg.name)) {
          found.push(
            violation(
              'dependency-graph',
              key,
              where,
              `${pkg.name} is for tests and imports none of ours: ${name}`,
            ),
          );
        } else if (isShipped(project, file)) {
          importedByShipped.add(name);
          if (!expected.has(name)) {
            const why = testOnly.has(name)
              ? 'shipped code never imports a test-only package'
              : 'against the layering';
            found.push(
              violation('dependency-graph', key, where, `imports ${name}: ${why} (${layering(graph)})`),
            );
          }
        } else if (!expected.has(name) && !testOnly.has(name)) {
          found.push(
            violation(
              'dependency-graph',
              key,
              where,
              `a test of ${pkg.name} imports ${name}, above it in the layering`,
            ),
          );
        }
      }
    }
    for (const name of [...expected].filter((candidate) => !importedByShipped.has(candidate))) {
      found.push(
        violation(
          'dependency-graph',
          `${pkg.name} never imports ${name}`,
          manifest,
          `the intended graph gives ${pkg.name} a dependency on ${name}, but its code never imports it`,
        ),
      );
    }
  }
  return found;
}

/**
 * (a') Every package of ours a workspace package imports is declared in its package.json, as `workspace:*`, under
 * `dependencies` or `devDependencies` (so that the testkit is a devDependency of each package whose tests use it);
 * a devDependency of ours is imported by some file of the package (the unused `dependencies` of a published
 * package are the graph rule's). An example declares a version range (`^0.1.0`) instead, so that it installs when
 * copied out of the repository; pnpm links the local package that satisfies it (`linkWorkspacePackages`).
 */
export function checkDeclaredDependencies(project: Project): Violation[] {
  const found: Violation[] = [];
  const ours = ourPackages(project);
  for (const pkg of project.packages) {
    const manifest = `${pkg.dir}/package.json`;
    const expected = pkg.dir.startsWith('examples/') ? 'a version range (^x.y.z)' : 'workspace:*';
    const declared = new Map(
      [...Object.entries(pkg.dependencies), ...Object.entries(pkg.devDependencies)].filter(([name]) =>
        ours.has(name),
      ),
    );
    const imported = new Set<string>();
    for (const file of [...project.files.values()].filter((candidate) => candidate.packageDir === pkg.dir)) {
      for (const { ref, name } of importedPackages(project, file)) {
        imported.add(name);
        if (!declared.has(name)) {
          const field = isShipped(project, file) ? 'dependencies' : 'devDependencies';
          found.push(
            violation(
              'declared-dependencies',
              `${pkg.name} undeclared ${name}`,
              `${file.path}:${ref.line}`,
              `imports ${name}, which ${manifest} does not declare (add it to ${field} as ${expected})`,
            ),
          );
        }
      }
    }
    for (const [name, version] of declared) {
      if (expected === 'workspace:*' ? version !== expected : !/^\^\d+\.\d+\.\d+$/.test(version)) {
        found.push(
          violation(
            'declared-dependencies',
            `${pkg.name} ${name} version`,
            manifest,
            `${name} is ${version}, not ${expected}`,
          ),
        );
      }
      if (name in pkg.devDependencies && !imported.has(name)) {
        found.push(
          violation(
            'declared-dependencies',
            `${pkg.name} unused ${name}`,
            manifest,
            `devDependency ${name} is imported by none of its files`,
          ),
        );
      }
    }
  }
  return [...new Map(found.map((item) => [item.key, item])).values()];
}

/**
 * (b) Another package is imported by its name and one of the subpaths of its `exports`, never by a path into its
 * folder (`src/`, `internal/`, `dist/`, a test helper of `test/`). The source file of an entry (`src/index.ts`)
 * counts as the entry, for child processes that run the sources under Node without a build; an example's modules
 * may be imported by the tests under `test/`, which run the example (an example is a script, not a library).
 */
export function checkEntryPoints(project: Project): Violation[] {
  const found: Violation[] = [];
  const byLength = [...project.packages].sort((a, b) => b.dir.length - a.dir.length);
  for (const file of project.files.values()) {
    for (const { ref, name, subpath, target } of importedPackages(project, file)) {
      if (!target.exportSubpaths.includes(subpath) || subpath === './package.json') {
        found.push(
          violation(
            'entry-points',
            `${file.path} imports ${ref.specifier}`,
            `${file.path}:${ref.line}`,
            `imports ${ref.specifier}: not an entry of ${name} (${target.exportSubpaths.filter((entry) => entry !== './package.json').join(', ')})`,
          ),
        );
      }
    }
    for (const ref of file.imports) {
      const resolved = resolveRelative(project, file.path, ref.specifier);
      if (resolved === undefined) continue;
      const owner = byLength.find((pkg) => resolved.startsWith(`${pkg.dir}/`));
      if (owner?.dir === file.packageDir || owner?.entryFiles.includes(resolved)) continue;
      // An example is a script, not a library: the tests under test/ run it by importing its modules.
      if (owner?.dir.startsWith('examples/') && file.packageDir === 'test') continue;
      const remedy = !owner
        ? 'it is outside every workspace package'
        : owner.exportSubpaths.length > 0
          ? `import ${owner.name} by its entry`
          : `${owner.dir} is not a library: share the file through a package (test helpers: packages/test-support)`;
      found.push(
        violation(
          'entry-points',
          `${file.path} imports ${resolved}`,
          `${file.path}:${ref.line}`,
          `imports ${ref.specifier}, a file of ${owner?.dir ?? 'no package'}: ${remedy}`,
        ),
      );
    }
  }
  return found;
}

/** The relative imports of a package's files that stay inside the package, as a graph over its files. */
function packageGraph(project: Project, pkg: WorkspacePackage): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of project.files.values()) {
    if (file.packageDir !== pkg.dir) continue;
    const targets = file.imports
      .map((ref) => resolveRelative(project, file.path, ref.specifier))
      .filter(
        (target): target is string =>
          target !== undefined && project.files.get(target)?.packageDir === pkg.dir,
      );
    graph.set(file.path, [...new Set(targets)].sort());
  }
  return graph;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return components;
}

/** The shortest path of imports from `start` back to itself inside `members`. */
function shortestLoop(graph: Map<string, string[]>, start: string, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * (c) No import cycle between the files of a package (type-only imports count: a cycle of types is still two
 * concepts that cannot be understood apart).
 */
export function checkImportCycles(project: Project): Violation[] {
  const found: Violation[] = [];
  for (const pkg of project.packages) {
    const graph = packageGraph(project, pkg);
    for (const component of cycles(graph)) {
      const loop = shortestLoop(graph, component[0]!, new Set(component));
      const inside = (path: string) => posix.relative(pkg.dir, path);
      const more = component.length > loop.length - 1 ? ` (${component.length} files in the cycle)` : '';
      found.push(
        violation(
          'import-cycles',
          component.join(' ↔ '),
          pkg.dir,
          `import cycle ${loop.map(inside).join(' → ')}${more}`,
        ),
      );
    }
  }
  return found;
}

/** Files reachable from a package's entry files through its own imports. */
function reachableFromEntries(project: Project, pkg: WorkspacePackage): Set<string> {
  const graph = packageGraph(project, pkg);
  const seen = new Set<string>();
  const queue = pkg.entryFiles.filter((entry) => graph.has(entry));
  for (const node of queue) {
    if (seen.has(node)) continue;
    seen.add(node);
    queue.push(...(graph.get(node) ?? []));
  }
  return seen;
}

/**
 * One home for test support: a file of a published package that exists for its tests lives under
 * `src/test-support/` (which the published `files` leave out); shipped code never imports it; a file only tests
 * import is test support. Helpers shared across packages live in the private package packages/test-support.
 */
export function checkTestSupport(project: Project): Violation[] {
  const found: Violation[] = [];
  const published = project.packages.filter(
    (candidate) => candidate.dir.startsWith('packages/') && !candidate.private,
  );
  for (const pkg of published) {
    const files = [...project.files.values()].filter((file) => file.packageDir === pkg.dir);
    const reachable = reachableFromEntries(project, pkg);
    const importers = new Map<string, ProjectFile[]>();
    for (const file of files) {
      for (const ref of file.imports) {
        const target = resolveRelative(project, file.path, ref.specifier);
        if (target !== undefined) importers.set(target, [...(importers.get(target) ?? []), file]);
        if (target?.includes('/test-support/') && isShipped(project, file)) {
          found.push(
            violation(
              'test-support',
              `${file.path} imports ${target}`,
              `${file.path}:${ref.line}`,
              `shipped code imports test support ${target} (left out of the published files)`,
            ),
          );
        }
      }
    }
    for (const file of files) {
      const inFolder = file.path.startsWith(`${pkg.dir}/src/test-support/`);
      if (
        /\.test-support\.[cm]?[jt]s$/.test(file.path) ||
        (file.path.includes('/test-support/') && !inFolder)
      ) {
        found.push(
          violation(
            'test-support',
            `${file.path} placement`,
            file.path,
            `test support lives under ${pkg.dir}/src/test-support/`,
          ),
        );
        continue;
      }
      if (!isShipped(project, file) || reachable.has(file.path)) continue;
      const users = importers.get(file.path) ?? [];
      if (users.length > 0 && users.every((user) => isTestCode(user.path))) {
        found.push(
          violation(
            'test-support',
            `${file.path} used only by tests`,
            file.path,
            `only tests import it and no entry reaches it: test support belongs under ${pkg.dir}/src/test-support/`,
          ),
        );
      }
    }
  }
  return found;
}

/** The test files a source file's header names (`// Tests: a.test.ts, test/e2e/b.test.ts`). */
export function namedTests(file: ProjectFile): string[] {
  const named: string[] = [];
  for (const match of file.header.matchAll(/^\s*(?:\/\/|\/?\*+)\s*Tests?:\s*(.+)$/gm)) {
    for (const item of (match[1] ?? '').split(/[\s,]+/).filter((part) => part !== '' && part !== '*/')) {
      named.push(
        item.startsWith('./') || item.startsWith('../')
          ? posix.normalize(posix.join(posix.dirname(file.path), item))
          : item,
      );
    }
  }
  return named;
}

/**
 * §7: each source file of a package with code of its own has its tests beside it by name (`x.ts` → `x.test.ts` or
 * `x.<kind>.test.ts`), or names them in its header (`// Tests: …`); every test a header names exists.
 */
export function checkTestsByName(project: Project): Violation[] {
  const found: Violation[] = [];
  const testFiles = [...project.files.keys()].filter((path) => testFilePattern.test(path));
  for (const file of project.files.values()) {
    if (!isShipped(project, file) || !file.hasOwnCode) continue;
    const named = namedTests(file);
    for (const path of named.filter((candidate) => !project.files.has(candidate))) {
      found.push(
        violation(
          'tests-by-name',
          `${file.path} names ${path}`,
          file.path,
          `its header names ${path}, which does not exist`,
        ),
      );
    }
    if (named.length > 0) continue;
    const stem = file.path.replace(/\.[cm]?[jt]sx?$/, '');
    const beside = testFiles.some(
      (path) =>
        path === `${stem}.test.ts` ||
        (path.startsWith(`${stem}.`) && !path.slice(stem.length + 1).includes('/')),
    );
    if (!beside) {
      found.push(
        violation(
          'tests-by-name',
          file.path,
          file.path,
          `no ${posix.basename(stem)}.test.ts beside it and no "// Tests: <files>" header naming where its tests are`,
        ),
      );
    }
  }
  return found;
}

/**
 * The names a file exports, each with where it is written (`path:line`): its own export statements and what a
 * relative `export *` brings in. A name re-exported from another package of ours is that package's, not this one's.
 */
function exportedNames(project: Project, path: string, seen = new Set<string>()): Map<string, string> {
  const names = new Map<string, string>();
  const file = project.files.get(path);
  if (!file || seen.has(path)) return names;
  seen.add(path);
  const ours = ourPackages(project);
  for (const ref of file.exports) {
    if (ref.from !== undefined && !ref.from.startsWith('.') && ours.has(splitBareSpecifier(ref.from).name))
      continue;
    if (ref.name !== '*') {
      if (!names.has(ref.name)) names.set(ref.name, `${path}:${ref.line}`);
      continue;
    }
    const target = ref.from === undefined ? undefined : resolveRelative(project, path, ref.from);
    for (const [name, where] of target ? exportedNames(project, target, seen) : []) {
      if (!names.has(name)) names.set(name, where);
    }
  }
  return names;
}

/**
 * §4 one vocabulary: every name the published packages export is exported by one package only, so that an import
 * says which API a type belongs to. Where two APIs share a noun, the type carries the API's name (`ScimUser`,
 * `IntegrationUser`, `ScimPage`, `IntegrationPage`).
 */
export function checkUniqueExports(project: Project): Violation[] {
  const owners = new Map<string, Map<string, string>>(); // name → package → where it is exported
  const published = project.packages.filter((pkg) => pkg.dir.startsWith('packages/') && !pkg.private);
  for (const pkg of published) {
    for (const [subpath, entry] of Object.entries(pkg.entries)) {
      if (subpath === './package.json') continue;
      for (const [name, where] of exportedNames(project, entry)) {
        const byPackage = owners.get(name) ?? new Map<string, string>();
        if (!byPackage.has(pkg.name)) byPackage.set(pkg.name, where);
        owners.set(name, byPackage);
      }
    }
  }
  return [...owners]
    .filter(([, byPackage]) => byPackage.size > 1)
    .map(([name, byPackage]) => {
      const [[, first], ...others] = [...byPackage];
      const also = others.map(([pkg, where]) => `${pkg} (${where})`).join(', ');
      return violation(
        'unique-exports',
        name,
        first ?? '',
        `exports ${name}, as ${also} does too: every exported name belongs to one package; where two APIs share a noun, the type carries the API's name (ScimUser, IntegrationUser)`,
      );
    });
}

/** Every rule over one project. */
export function checkHouseRules(project: Project, graph: IntendedGraph = intendedGraph): Violation[] {
  return [
    ...checkDependencyGraph(project, graph),
    ...checkDeclaredDependencies(project),
    ...checkEntryPoints(project),
    ...checkImportCycles(project),
    ...checkTestSupport(project),
    ...checkTestsByName(project),
    ...checkUniqueExports(project),
  ];
}
