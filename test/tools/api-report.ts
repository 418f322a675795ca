// API reports: for each published package, `packages/<name>/api-report.md` lists every symbol its entries export,
// with its kind and its declaration as the package's `.d.ts` gives it (comments and private members left out).
// The declarations come from the TypeScript compiler's declaration emit, run in memory over the sources, so no
// build is needed and a stale `dist/` cannot hide a change.
//
//   node test/tools/api-report.ts --update   (pnpm run api:update) writes the reports
//   node test/tools/api-report.ts            prints the reports that differ from the code and exits 1
//
// test/house-rules/api-reports.test.ts compares them under `pnpm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readWorkspacePackages, type WorkspacePackage } from '../house-rules/project.ts';

export const updateCommand = 'pnpm run api:update';

/** One exported symbol. */
export interface ApiSymbol {
  /** The name it is exported as. */
  name: string;
  /** `class`, `interface`, `type`, `function`, `const`, `enum`, `namespace`, or several joined by ` + `. */
  kind: string;
  /** Its declarations as the `.d.ts` gives them, or a line naming the package it is re-exported from. */
  declaration: string;
  /** The source files that declare it, relative to the root. */
  declaredIn: string[];
  /** Whether its documentation carries `@internal`. */
  internal: boolean;
}

/** One entry (`exports` subpath) of a package. */
export interface ApiEntry {
  /** `@anaplan-access/core` or `@anaplan-access/core/client`. */
  specifier: string;
  /** Relative to the root. */
  sourceFile: string;
  symbols: ApiSymbol[];
  /** Types of this package the exported declarations name but no entry exports. */
  unexported: string[];
}

/** The API of one published package. */
export interface PackageApi {
  name: string;
  dir: string;
  /** Where its report lives, relative to the root. */
  reportPath: string;
  entries: ApiEntry[];
}

const defaultRoot = fileURLToPath(new URL('../../', import.meta.url));

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = posix.join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    composite: false,
    incremental: false,
    outDir: undefined,
    rootDir: root,
    stripInternal: true, // as the build: a member tagged @internal (a resource's constructor) is not in the .d.ts
  };
}

const kindNames: [(node: ts.Node) => boolean, string][] = [
  [ts.isClassDeclaration, 'class'],
  [ts.isInterfaceDeclaration, 'interface'],
  [ts.isTypeAliasDeclaration, 'type'],
  [ts.isFunctionDeclaration, 'function'],
  [ts.isEnumDeclaration, 'enum'],
  [ts.isModuleDeclaration, 'namespace'],
];

function kindOf(declaration: ts.Declaration): string {
  if (ts.isVariableDeclaration(declaration)) {
    const flags = ts.getCombinedNodeFlags(declaration);
    return flags & ts.NodeFlags.Const ? 'const' : 'let';
  }
  return kindNames.find(([test]) => test(declaration))?.[1] ?? ts.SyntaxKind[declaration.kind];
}

/** The top-level statement of a declaration (a variable's statement, the declaration itself otherwise). */
function statementOf(declaration: ts.Declaration): ts.Node {
  return ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
}

/** The name a top-level `.d.ts` statement declares. */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((item) =>
      ts.isIdentifier(item.name) ? [item.name.text] : [],
    );
  }
  const name = (statement as { name?: ts.Node }).name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? [name.text] : [];
}

function isPrivateMember(member: ts.ClassElement): boolean {
  return (
    (member.name !== undefined && ts.isPrivateIdentifier(member.name)) ||
    (ts.getModifiers(member as ts.HasModifiers) ?? []).some(
      (modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword,
    )
  );
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/** A `.d.ts` statement as text: comments, private members and the `export` keyword left out. */
function printDeclaration(statement: ts.Statement, file: ts.SourceFile): string {
  let node: ts.Statement = statement;
  const modifiers = ((ts.canHaveModifiers(statement) && ts.getModifiers(statement)) || []).filter(
    (modifier) =>
      modifier.kind !== ts.SyntaxKind.ExportKeyword && modifier.kind !== ts.SyntaxKind.DefaultKeyword,
  );
  if (ts.isClassDeclaration(statement)) {
    node = ts.factory.updateClassDeclaration(
      statement,
      modifiers,
      statement.name,
      statement.typeParameters,
      statement.heritageClauses,
      statement.members.filter((member) => !isPrivateMember(member)),
    );
  } else if (ts.canHaveModifiers(statement)) {
    node = ts.factory.replaceModifiers(statement, modifiers) as ts.Statement;
  }
  return printer.printNode(ts.EmitHint.Unspecified, node, file).trim();
}

/** The package (by its folder) a file belongs to. */
function owningPackage(packages: WorkspacePackage[], path: string): WorkspacePackage | undefined {
  return packages.find((pkg) => path.startsWith(`${pkg.dir}/`));
}

/** Whether a declaration's own documentation carries `@internal`. */
function isTaggedInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal' && tag.parent.parent === node);
}

/**
 * The names of this package's declarations that an exported declaration refers to in its written types, resolved
 * with the checker; each is either exported by an entry or listed as unexported.
 */
function referencedDeclarations(checker: ts.TypeChecker, declaration: ts.Declaration): ts.Symbol[] {
  const found: ts.Symbol[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBlock(node) || (ts.isVariableDeclaration(node) && node.initializer && !node.type)) return;
    if (isTaggedInternal(node)) return; // left out of the .d.ts (stripInternal)
    if (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node)) {
      const modifiers = ts.getModifiers(node) ?? [];
      if (
        (node.name && ts.isPrivateIdentifier(node.name)) ||
        modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)
      )
        return;
    }
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node) || ts.isTypeQueryNode(node)) {
      const name = ts.isTypeReferenceNode(node)
        ? node.typeName
        : ts.isTypeQueryNode(node)
          ? node.exprName
          : node.expression;
      let symbol = checker.getSymbolAtLocation(ts.isQualifiedName(name) ? name.left : name);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      if (symbol) found.push(symbol);
    }
    ts.forEachChild(node, visit);
  };
  if (ts.isVariableDeclaration(declaration)) {
    if (declaration.type) visit(declaration.type);
  } else {
    visit(declaration);
  }
  return found;
}

/** Reads the API of every published package from the sources under `root`. */
export function readApis(root: string = defaultRoot): PackageApi[] {
  const packages = readWorkspacePackages(root).filter(
    (pkg) => pkg.dir.startsWith('packages/') && !pkg.private,
  );
  const entryFiles = packages
    .flatMap((pkg) => Object.values(pkg.entries))
    .map((path) => posix.join(root, path));
  const program = ts.createProgram({ rootNames: entryFiles, options: compilerOptions(root) });
  const emitted = new Map<string, ts.SourceFile>();
  const result = program.emit(
    undefined,
    (fileName, text) => {
      if (fileName.endsWith('.d.ts'))
        emitted.set(fileName, ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
    },
    undefined,
    true,
  );
  const problems = [...program.getSyntacticDiagnostics(), ...result.diagnostics].filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  );
  if (problems.length > 0) {
    throw new Error(
      ts.formatDiagnostics(problems, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      }),
    );
  }
  const checker = program.getTypeChecker();
  const relative = (fileName: string) => posix.relative(root, fileName);
  // By declaration, not by symbol: a merged interface (core's ErrorKinds, which other packages augment) is one
  // symbol where it is exported and another where it is named.
  const exportedDeclarations = new Set<ts.Declaration>();
  const apis = packages.map((pkg) => {
    const entries = Object.entries(pkg.entries)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, sourceFile]) => {
        const source = program.getSourceFile(posix.join(root, sourceFile));
        const moduleSymbol = source && checker.getSymbolAtLocation(source);
        if (!moduleSymbol) throw new Error(`${sourceFile}: not a module`);
        const symbols = checker
          .getExportsOfModule(moduleSymbol)
          .map((exported): ApiSymbol & { target: ts.Symbol } => {
            const target =
              exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
            const declarations = target.declarations ?? [];
            for (const declaration of declarations) exportedDeclarations.add(declaration);
            const declaredIn = [
              ...new Set(declarations.map((declaration) => relative(declaration.getSourceFile().fileName))),
            ];
            const home = owningPackage(packages, declaredIn[0] ?? '');
            const internal = declarations.some((declaration) =>
              ts.getJSDocTags(statementOf(declaration)).some((tag) => tag.tagName.text === 'internal'),
            );
            const kind = [...new Set(declarations.map(kindOf))].join(' + ');
            if (home && home.dir !== pkg.dir) {
              return {
                name: exported.name,
                kind,
                declaration: `// re-exported from ${home.name}`,
                declaredIn,
                internal,
                target,
              };
            }
            const printed: string[] = [];
            for (const file of declaredIn) {
              const dts = emitted.get(posix.join(root, file.replace(/\.[cm]?tsx?$/, '.d.ts')));
              if (!dts) throw new Error(`${file}: no declaration emitted`);
              for (const statement of dts.statements) {
                if (declaredNames(statement).includes(target.name))
                  printed.push(printDeclaration(statement, dts));
              }
            }
            const declaration = printed.join('\n').replace(new RegExp(`\\b${target.name}\\b`), exported.name);
            return { name: exported.name, kind, declaration, declaredIn, internal, target };
          });
        return {
          specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
          sourceFile,
          symbols,
        };
      });
    return { pkg, entries };
  });
  return apis.map(({ pkg, entries }) => ({
    name: pkg.name,
    dir: pkg.dir,
    reportPath: `${pkg.dir}/api-report.md`,
    entries: entries.map((entry) => {
      const unexported = new Set<string>();
      for (const symbol of entry.symbols) {
        for (const declaration of symbol.target.declarations ?? []) {
          for (const referenced of referencedDeclarations(checker, declaration)) {
            const at = referenced.declarations?.[0]?.getSourceFile().fileName;
            const exported = referenced.declarations?.some((declaration) =>
              exportedDeclarations.has(declaration),
            );
            if (!at || exported || referenced.flags & ts.SymbolFlags.TypeParameter) continue;
            if (owningPackage(packages, relative(at))?.dir === pkg.dir) unexported.add(referenced.name);
          }
        }
      }
      return {
        specifier: entry.specifier,
        sourceFile: entry.sourceFile,
        symbols: entry.symbols
          .map(({ target: _target, ...symbol }) => symbol)
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        unexported: [...unexported].sort(),
      };
    }),
  }));
}

/** The Markdown report of one package. */
export function renderReport(api: PackageApi): string {
  const lines = [
    `# API report: ${api.name}`,
    '',
    `<!-- Generated by \`${updateCommand}\` (test/tools/api-report.ts) from the TypeScript sources. Do not edit: \`pnpm test\` fails when this file differs from the code. -->`,
    '',
    'Every symbol the package exports, with the declaration its `.d.ts` gives (documentation comments and private',
    'members left out). A change here is a change of the public API: review it as one.',
  ];
  for (const entry of api.entries) {
    lines.push(
      '',
      `## \`${entry.specifier}\``,
      '',
      `${entry.symbols.length} exports, from \`${entry.sourceFile}\`.`,
      '',
    );
    lines.push('| Export | Kind |', '| --- | --- |');
    for (const symbol of entry.symbols) {
      lines.push(`| \`${symbol.name}\` | ${symbol.kind}${symbol.internal ? ' (`@internal`)' : ''} |`);
    }
    if (entry.unexported.length > 0) {
      lines.push(
        '',
        `Types of the package these declarations name without exporting: ${entry.unexported.map((name) => `\`${name}\``).join(', ')}.`,
      );
    }
    for (const symbol of entry.symbols) {
      lines.push('', `### \`${symbol.name}\``, '', '```ts', symbol.declaration, '```');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Every report: its path → its expected text. */
export function expectedReports(root: string = defaultRoot): Map<string, string> {
  return new Map(readApis(root).map((api) => [api.reportPath, renderReport(api)]));
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

if (import.meta.main) {
  const update = process.argv.includes('--update');
  let stale = 0;
  for (const [path, text] of expectedReports()) {
    const absolute = posix.join(defaultRoot, path);
    if (readOrEmpty(absolute) === text) continue;
    stale += 1;
    if (update) {
      writeFileSync(absolute, text);
      console.log(`updated ${path}`);
    } else {
      console.log(`differs ${path}`);
    }
  }
  if (!update && stale > 0) {
    console.log(
      `${stale} API report(s) differ from the code: review the change, then run \`${updateCommand}\``,
    );
    process.exitCode = 1;
  } else if (stale === 0) {
    console.log('API reports match the code');
  }
}
