// Reads a workspace (the real tree or a fixture written to a temporary folder) into the plain data the house rules
// check: its workspace packages with their manifests, and every source file with its imports and header comment.
// Imports are read with the TypeScript parser, so `import type`, `export … from`, `import()` and `import x =
// require()` are all seen, each with its line.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

/** One `package.json` of the workspace: a published package, a private helper package, an example, or `test/`. */
export interface WorkspacePackage {
  /** Folder, relative to the root, with `/` separators: `packages/core`, `examples/quickstart`, `test`. */
  dir: string;
  name: string;
  private: boolean;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  /** Subpaths of the `exports` map, as written: `.`, `./client`, `./package.json`. */
  exportSubpaths: string[];
  /** Each subpath of `exports` → the source file it is built from (`.` → `packages/core/src/index.ts`). */
  entries: Record<string, string>;
  /** The source files the package is entered by (its exports and bins, mapped from `dist/*.js` to `src/*.ts`). */
  entryFiles: string[];
}

/** One import of a file. */
export interface ImportRef {
  specifier: string;
  /** `import type`, `export type … from`, or every name marked `type`: erased at run time. */
  typeOnly: boolean;
  line: number;
}

/** One name a file exports. */
export interface ExportRef {
  /** The name it is exported as; `*` for `export * from '…'` (every name of that module). */
  name: string;
  /** The module it is re-exported from (`export { a } from './a.js'`), when it is. */
  from?: string | undefined;
  line: number;
}

/** One source file of the workspace. */
export interface ProjectFile {
  /** Relative to the root, with `/` separators. */
  path: string;
  /** `dir` of the workspace package that holds it, or `''` for none. */
  packageDir: string;
  imports: ImportRef[];
  /** The names its top-level statements export (`export default` aside). */
  exports: ExportRef[];
  /** The comments before the first statement. */
  header: string;
  /** Whether the file has behaviour of its own (false when it only declares types or re-exports). */
  hasOwnCode: boolean;
}

/** A workspace as the rules see it. */
export interface Project {
  packages: WorkspacePackage[];
  /** By path. */
  files: Map<string, ProjectFile>;
}

const sourceExtensions = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];
const skippedFolders = new Set(['node_modules', 'dist', '.tmp', 'coverage', '.git']);

function isSourceFile(name: string): boolean {
  return sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts');
}

function walk(root: string, dir: string, found: string[]): void {
  const absolute = posix.join(root, dir);
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) walk(root, path, found);
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      found.push(path);
    }
  }
}

/** The folders `pnpm-workspace.yaml` lists (only the `- dir` and `- dir/*` forms this repository uses). */
function workspaceDirs(root: string): string[] {
  const yaml = readFileSync(posix.join(root, 'pnpm-workspace.yaml'), 'utf8');
  const section = /^packages:\s*\n((?:[ \t]+-.*\n?)*)/m.exec(yaml)?.[1] ?? '';
  const dirs: string[] = [];
  for (const match of section.matchAll(/^[ \t]+-\s*['"]?([^'"\s]+)['"]?/gm)) {
    const pattern = match[1] ?? '';
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(posix.join(root, parent))) continue;
      for (const entry of readdirSync(posix.join(root, parent)).sort()) {
        if (existsSync(posix.join(root, parent, entry, 'package.json'))) dirs.push(`${parent}/${entry}`);
      }
    } else if (existsSync(posix.join(root, pattern, 'package.json'))) {
      dirs.push(pattern);
    }
  }
  return dirs;
}

/** `./dist/foo/index.js` or `./dist/foo/index.d.ts` → `src/foo/index.ts` (the build maps `src` to `dist`). */
function sourceOfBuilt(target: string): string | undefined {
  const match = /^\.\/dist\/(.+?)(?:\.d\.ts|\.js)$/.exec(target);
  return match ? `src/${match[1]}.ts` : undefined;
}

/** Every string target of an `exports` value (conditions and nested conditions included). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

function readPackage(root: string, dir: string): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(posix.join(root, dir, 'package.json'), 'utf8'));
  const exportsField = manifest.exports;
  const exportMap: Record<string, unknown> =
    typeof exportsField === 'string' || Array.isArray(exportsField)
      ? { '.': exportsField }
      : (exportsField ?? (manifest.main ? { '.': manifest.main } : {}));
  const bins: string[] =
    typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {}).map(String);
  const sourceOf = (target: string) => {
    const source = target.startsWith('./src/') ? target.slice(2) : sourceOfBuilt(target);
    return source && existsSync(posix.join(root, dir, source)) ? `${dir}/${source}` : undefined;
  };
  const entries: Record<string, string> = {};
  for (const [subpath, value] of Object.entries(exportMap)) {
    const source = exportTargets(value)
      .map(sourceOf)
      .find((found) => found !== undefined);
    if (source) entries[subpath] = source;
  }
  const entryFiles = new Set(Object.values(entries));
  for (const bin of bins) {
    const source = sourceOf(bin);
    if (source) entryFiles.add(source);
  }
  return {
    dir,
    name: String(manifest.name ?? dir),
    private: manifest.private === true,
    dependencies: { ...manifest.dependencies },
    devDependencies: { ...manifest.devDependencies },
    exportSubpaths: Object.keys(exportMap),
    entries,
    entryFiles: [...entryFiles].sort(),
  };
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

const typeOnlyStatementKinds = new Set([
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EmptyStatement,
]);

/**
 * Whether a top-level statement is behaviour of this file: not an import, a type, an ambient (`declare`)
 * declaration or a re-export of another file.
 */
function isOwnCode(statement: ts.Statement): boolean {
  if (typeOnlyStatementKinds.has(statement.kind) || ts.isImportDeclaration(statement)) return false;
  if (ts.isExportDeclaration(statement)) return !statement.moduleSpecifier && !isTypeOnlyExport(statement);
  return (
    !ts.canHaveModifiers(statement) ||
    !ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)
  );
}

const hasExportModifier = (statement: ts.Statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) &&
  !(ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);

/** The names one top-level statement exports. */
function exportsOf(statement: ts.Statement, lineOf: (node: ts.Node) => number): ExportRef[] {
  if (ts.isExportDeclaration(statement)) {
    const from =
      statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    const clause = statement.exportClause;
    if (!clause) return [{ name: '*', from, line: lineOf(statement) }];
    if (ts.isNamespaceExport(clause)) return [{ name: clause.name.text, line: lineOf(clause) }];
    return clause.elements.map((element) => ({ name: element.name.text, from, line: lineOf(element) }));
  }
  if (!hasExportModifier(statement)) return [];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) =>
      ts.isIdentifier(declaration.name) ? [{ name: declaration.name.text, line: lineOf(declaration) }] : [],
    );
  }
  const name = (statement as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? [{ name: name.text, line: lineOf(statement) }] : [];
}

/** Parses one file's imports, exports, header comments and whether it has code of its own. */
export function parseSource(path: string, text: string): Omit<ProjectFile, 'packageDir'> {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: ImportRef[] = [];
  const add = (specifier: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    const { line } = source.getLineAndCharacterOfPosition(specifier.getStart(source));
    imports.push({ specifier: specifier.text, typeOnly, line: line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier)
      add(node.moduleSpecifier, isTypeOnlyExport(node));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression, node.isTypeOnly);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0]
    )
      add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const firstStatement = source.statements[0];
  const headerEnd = firstStatement ? firstStatement.getStart(source) : text.length;
  return {
    path,
    imports,
    exports: source.statements.flatMap((statement) => exportsOf(statement, lineOf)),
    header: text.slice(0, headerEnd),
    hasOwnCode: source.statements.some(isOwnCode),
  };
}

/** The workspace packages of `root`, in the order `pnpm-workspace.yaml` lists them. */
export function readWorkspacePackages(root: string): WorkspacePackage[] {
  return workspaceDirs(root).map((dir) => readPackage(root, dir));
}

/** Reads the workspace at `root`: its packages (from `pnpm-workspace.yaml`) and every source file under them. */
export function loadProject(root: string): Project {
  const packages = readWorkspacePackages(root);
  const byLength = [...packages].sort((a, b) => b.dir.length - a.dir.length);
  const paths: string[] = [];
  for (const pkg of packages) walk(root, pkg.dir, paths);
  const files = new Map<string, ProjectFile>();
  for (const path of new Set(paths)) {
    if (!statSync(posix.join(root, path)).isFile()) continue;
    const owner = byLength.find((pkg) => path.startsWith(`${pkg.dir}/`));
    files.set(path, {
      ...parseSource(path, readFileSync(posix.join(root, path), 'utf8')),
      packageDir: owner?.dir ?? '',
    });
  }
  return { packages, files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))) };
}

/** The package a file belongs to. */
export function packageOf(project: Project, file: ProjectFile): WorkspacePackage | undefined {
  return project.packages.find((pkg) => pkg.dir === file.packageDir);
}

/**
 * The file a relative specifier names, as TypeScript resolves it under `nodenext` (a `.js` suffix names the `.ts`
 * source); undefined for a bare specifier. A path that names no source file is returned as written.
 */
export function resolveRelative(project: Project, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [
    target,
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.js$/, '.tsx'),
    target.replace(/\.mjs$/, '.mts'),
    target.replace(/\.cjs$/, '.cts'),
    `${target}.ts`,
    `${target}/index.ts`,
  ];
  return candidates.find((candidate) => project.files.has(candidate)) ?? target;
}

/** `@anaplan-access/core/client` → `{ name: '@anaplan-access/core', subpath: './client' }`. */
export function splitBareSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(nameParts).join('/');
  return { name: parts.slice(0, nameParts).join('/'), subpath: rest === '' ? '.' : `./${rest}` };
}
