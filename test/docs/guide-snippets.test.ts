import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Every `ts` code block of these guides in docs/ type-checks against the packages' sources. A block may use, without
 * declaring them, the names below (what the guides' prose introduces: a client, ids, a plan …); anything else must
 * be imported or declared in the block. Modules other than ours and Node's (pg, undici) are not checked. A block
 * after a `<!-- guide-run -->` line is a whole program, which runs as written against the simulator.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = join(root, 'docs');
const guides = [
  'README.md',
  'getting-started.md',
  'authentication.md',
  'scim.md',
  'imports-and-model-access.md',
  'reconcile.md',
  'watching-anaplan.md',
  'simulator.md',
  'migrating-from-anaplan-connect.md',
  'iga-patterns.md',
  'delivery-channels.md',
  'access-reviews.md',
  // The site's landing page, and the packages' READMEs (their pages on npm and on the site).
  'site/index.md',
  ...['core', 'scim', 'bulk', 'reconcile', 'cloudworks', 'testkit'].map(
    (name) => `../packages/${name}/README.md`,
  ),
];

const context: Record<string, string> = {
  auth: "import('@anaplan-access/core').AuthProvider",
  workspaceId: 'string',
  modelId: 'string',
  workspaceIds: 'string[]',
  financeWorkspaceId: 'string',
  salesWorkspaceId: 'string',
  fpaModelId: 'string',
  uamWorkspaceId: 'string',
  uamModelId: 'string',
  finance: 'string',
  csv: 'string',
  integration: "import('@anaplan-access/bulk').IntegrationClient",
  model: "import('@anaplan-access/bulk').ModelClient",
  columns: "import('@anaplan-access/bulk').UsersImportColumns",
  scim: "import('@anaplan-access/scim').ScimClient",
  user: "import('@anaplan-access/scim').ScimUser",
  desired: "import('@anaplan-access/reconcile').DesiredState",
  target: "import('@anaplan-access/reconcile').AccessTarget",
  policy: "import('@anaplan-access/reconcile').PlanPolicy",
  p: "import('@anaplan-access/reconcile').Plan",
  sim: "import('@anaplan-access/testkit').Simulator",
  secrets: '{ get(key: string): Promise<string>; set(key: string, value: string): Promise<void> }',
};

interface Snippet {
  guide: string;
  line: number;
  fileName: string;
  text: string;
}

/** The blocks of one guide, each as a module: its imports first, then declarations of the context it uses. */
function snippetsOf(guide: string): Snippet[] {
  const markdown = readFileSync(join(docs, guide), 'utf8');
  const snippets: Snippet[] = [];
  for (const match of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const code = match[1] as string;
    if (code.trimStart().startsWith('interface ')) continue; // a shape shown for reading, not a program
    const declared = (name: string) =>
      new RegExp(`(?:const|let|function)\\s+(?:\\{[^}]*\\b${name}\\b[^}]*\\}|${name}\\b)`).test(code) ||
      new RegExp(`import[^;]*\\b${name}\\b[^;]*from`).test(code);
    const declarations = Object.entries(context)
      .filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !declared(name))
      .map(([name, type]) => `declare const ${name}: ${type};`);
    // The block's leading import statements (possibly over several lines) stay first.
    const imports = /^(?:import\s[^;]*?\sfrom\s+'[^']+';\s*)*/.exec(code)?.[0] ?? '';
    const body = code.slice(imports.length);
    const line = markdown.slice(0, match.index).split('\n').length + 1;
    snippets.push({
      guide,
      line,
      fileName: join(docs, '.snippets', `${guide.replace(/\.md$/, '')}-${line}.ts`),
      text: [imports, ...declarations, body, 'export {};'].join('\n'),
    });
  }
  return snippets;
}

describe('guide snippets', () => {
  it('type-check against the packages', () => {
    const snippets = guides.flatMap(snippetsOf);
    expect(snippets.length).toBeGreaterThan(20);
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    const options = { ...parsed?.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
    const files = new Map(snippets.map((snippet) => [snippet.fileName, snippet]));
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) => {
      const snippet = files.get(fileName);
      return snippet
        ? ts.createSourceFile(fileName, snippet.text, language)
        : getSourceFile(fileName, language, ...rest);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
    const program = ts.createProgram([...files.keys()], options, host);

    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
      .filter((diagnostic) => {
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        // Third-party modules a guide mentions (pg, undici) are not dependencies of the repository root.
        return !(diagnostic.code === 2307 && !/'(@anaplan-access\/|node:|vitest)/.test(text));
      })
      .map((diagnostic) => {
        const snippet = files.get(diagnostic.file?.fileName ?? '') as Snippet;
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        return `docs/${snippet.guide} (block at line ${snippet.line}): ${text}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);
});

/** What a runnable block prints, besides running: the point the guide makes with it. */
const runnablePrints: Record<string, RegExp[]> = {
  'getting-started.md': [
    /\+ create user erin\.lee@example\.com/,
    /error +unknown-role: frank\.ode@example\.com: role "Controller" does not exist in model "FP&A"/,
  ],
};

describe('runnable guide blocks', () => {
  const scratch = join(docs, '.tmp');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const runnable = guides.flatMap((guide) => {
    const markdown = readFileSync(join(docs, guide), 'utf8');
    return [...markdown.matchAll(/^<!-- guide-run -->\n```ts\n([\s\S]*?)```/gm)].map((match) => ({
      guide,
      line: markdown.slice(0, match.index).split('\n').length + 2,
      code: match[1] as string,
    }));
  });

  it('include every guide a runnable block is expected in', () => {
    expect(
      Object.keys(runnablePrints).filter((guide) => !runnable.some((block) => block.guide === guide)),
    ).toEqual([]);
  });

  it.each(runnable)('docs/$guide (block at line $line) runs as written', async ({ guide, line, code }) => {
    mkdirSync(scratch, { recursive: true });
    const file = join(scratch, `${guide.replace(/\.md$/, '')}-${line}.ts`);
    writeFileSync(file, code);
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => {
      printed.push(values.map(String).join(' '));
    });
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      log.mockRestore();
    }
    const output = printed.join('\n');
    expect(output).not.toBe('');
    for (const expected of runnablePrints[guide] ?? []) expect(output).toMatch(expected);
  });
});
