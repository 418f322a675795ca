import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSkip } from '../helpers/skip-notice.js';

/**
 * The docs site in a real browser: `typedoc.json` is built (as `pnpm run docs` does, into a temporary folder),
 * served on a loopback port, and driven with Debian's Chromium (or `CHROMIUM_PATH`) through playwright-core. The
 * screenshots of the pages it looks at are kept in test-artifacts/docs-site/.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const root = fileURLToPath(new URL('../../', import.meta.url));
const typedocConfig = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as {
  entryPoints: string[];
  readme: string;
  projectDocuments: string[];
};
/** The packages of the site, by folder name (`packages/<name>`). */
const packages = typedocConfig.entryPoints.map((entry) => basename(entry));
const packageNames = packages.map(
  (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).name as string,
);
/** Every guide of docs/; docs/README.md is the guides' index on GitHub, and the landing page is the site's. */
const guides = readdirSync(join(root, 'docs'))
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .sort();
const repository = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } }
).repository.url
  .replace(/^git\+/, '')
  .replace(/\.git$/, '');
const artifacts = join(root, 'test-artifacts', 'docs-site');
const run = promisify(execFile);
const haveChromium = existsSync(chromiumPath);
const chromiumAbsent = `${chromiumPath} not found; install it with apt-get install -y chromium (or set CHROMIUM_PATH)`;
if (!haveChromium) printSkip('Docs site in headless Chromium', chromiumAbsent);
/** A site built already (for example by `pnpm run docs`: `DOCS_SITE=docs/api`); by default the test builds its own. */
const prebuilt = process.env.DOCS_SITE;

/** `tsc -b` of the site's packages: TypeDoc reads the declarations across packages, the landing example runs them. */
async function buildPackages(): Promise<void> {
  const typescript = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [typescript, '-b', ...packages.map((name) => `packages/${name}`)], {
    cwd: root,
  });
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
};

/** Serves `directory` read-only on 127.0.0.1; anything outside it or missing is a 404. */
async function serve(directory: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(directory, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(directory + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every HTML file of the site, relative to its root with `/` separators. */
async function htmlFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The `id` and `name` attributes of a page: what `#fragment` links may point at. */
function anchorsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((match) => match[1] as string));
}

/** The first paragraph of a Markdown file after its title: what a reader sees first. */
function firstParagraph(markdown: string): string {
  const paragraph = markdown
    .replace(/^# .*\n/, '')
    .trim()
    .split(/\n\s*\n/)[0] as string;
  // As rendered: without Markdown's marks and line breaks.
  return paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the landing page example', () => {
  const scratch = join(root, 'test', 'docs', '.tmp');
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('runs as written, as try.mts on Node.js, against the simulator: plan, apply, then "No changes"', async () => {
    const landing = readFileSync(join(root, typedocConfig.readme), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(landing)?.[1];
    expect(example, `${typedocConfig.readme} shows a TypeScript example`).toBeDefined();
    await buildPackages();
    // Inside the repository, so that its imports resolve to the workspace's packages as an installed project's do.
    await mkdir(scratch, { recursive: true });
    await writeFile(join(scratch, 'try.mts'), example as string);
    const { stdout } = await run(process.execPath, ['try.mts'], { cwd: scratch, timeout: 120_000 });
    expect(stdout).toContain('+ create user eve.martin@example.com');
    expect(stdout).toMatch(/Plan: \d+ to create, \d+ to update, 0 to revoke\/deactivate\./);
    expect(stdout.trimEnd()).toMatch(/No changes\. Anaplan matches the desired state\.$/);
  }, 180_000);
});

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'Docs site in headless Chromium'
    : `Docs site in headless Chromium (skipped: ${chromiumAbsent})`,
  () => {
    let site = '';
    let origin = '';
    let server: Server | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
      await rm(artifacts, { recursive: true, force: true });
      await mkdir(artifacts, { recursive: true });
      if (prebuilt) {
        site = resolve(prebuilt);
      } else {
        site = await mkdtemp(join(tmpdir(), 'anaplan-access-api-'));
        // Type errors are the typecheck's business: skipping them here saves seconds, warnings still fail the build.
        await buildPackages();
        const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
        try {
          await run(process.execPath, [typedoc, '--out', site, '--skipErrorChecking'], {
            cwd: root,
            maxBuffer: 16 * 1024 * 1024,
          });
        } catch (error) {
          // TypeDoc reports its warnings (treated as errors) on standard output: show them.
          const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
          throw new Error(
            `pnpm run docs (typedoc) failed:\n${stripVTControlCharacters(`${stdout}\n${stderr}`)}`,
          );
        }
      }
      ({ server, origin } = await serve(site));
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
      if (site && !prebuilt) await rm(site, { recursive: true, force: true });
      console.log(`Docs site screenshots: ${relative(root, artifacts)}/`);
    });

    /** Links of the pages opened in the browser, as rendered (the sidebar is built by script). */
    const renderedLinks: { page: string; href: string }[] = [];

    /**
     * Opens a page, fails on a non-200 answer, a script error, or a page that shows nothing (TypeDoc hides the body
     * until its script runs), keeps its rendered links and a screenshot.
     */
    async function open(path: string): Promise<Page> {
      const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      await page.locator('.tsd-navigation a').first().waitFor();
      expect(errors, `script errors on ${path}`).toEqual([]);
      const content = page.locator('.col-content');
      await content.waitFor({ state: 'visible' });
      expect(await page.locator('h1').first().isVisible(), `${path}: a visible title`).toBe(true);
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, which a hidden body does not have
      expect((await content.innerText()).trim().length, `${path}: visible text`).toBeGreaterThan(100);
      await page.screenshot({
        path: join(artifacts, `${path.replace(/\.html$/, '').replace(/\//g, '_')}.png`),
      });
      const hrefs = await page.$$eval('a[href]', (anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
      );
      for (const href of hrefs) renderedLinks.push({ page: path, href });
      return page;
    }

    it('lands on a page that says what it is, how to install it, an example, the guides and the packages', async () => {
      const page = await open('index.html');
      expect(await page.title()).toContain('anaplan-access');
      const headings = await page.locator('.col-content h2').allInnerTexts();
      expect(headings).toEqual(
        expect.arrayContaining(['Install', 'Try it in 30 seconds', 'Guides', 'Packages']),
      );
      const text = await page.locator('.col-content').textContent();
      expect(text).toContain('npm install @anaplan-access/reconcile');
      expect(text, 'no repository-internal text on the landing page').not.toMatch(/pnpm test|pnpm@/);
      const hrefs = await page.$$eval('.col-content a[href]', (anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
      );
      for (const name of packages)
        expect(hrefs, name).toContain(`${origin}/modules/_anaplan-access_${name}.html`);
      for (const guide of guides)
        expect(hrefs, guide).toContain(`${origin}/documents/${guide.replace(/\.md$/, '.html')}`);
      await page.close();
    });

    it('has every guide of docs/ as a page, named by its title', async () => {
      expect(typedocConfig.projectDocuments.map((path) => basename(path)).sort()).toEqual(guides);
      const page = await open('index.html');
      const navigation = await page.locator('nav.tsd-navigation').textContent();
      await page.close();
      for (const guide of guides) {
        const title = /^# +(.+)$/m.exec(readFileSync(join(root, 'docs', guide), 'utf8'))?.[1] as string;
        expect(navigation, guide).toContain(title.split(': ')[0]);
        const document = await open(`documents/${guide.replace(/\.md$/, '.html')}`);
        expect((await document.locator('.col-content h1').first().textContent())?.trim()).toBe(title);
        await document.close();
      }
    }, 120_000);

    it.each(packages.map((name, index) => [packageNames[index] as string, name] as const))(
      'opens the page of %s with its README, then its main entry points',
      async (packageName, name) => {
        const page = await open(`modules/_anaplan-access_${name}.html`);
        expect(await page.locator('h1').first().textContent()).toContain(packageName);
        const overview = firstParagraph(readFileSync(join(root, 'packages', name, 'README.md'), 'utf8'));
        // The README's first paragraph is on the page, before the first group of the index of exports.
        const order = await page.evaluate(
          (start) => {
            const normalized = (text: string) => text.replace(/\s+/g, ' ').trim();
            const paragraph = [...document.querySelectorAll('.col-content p')].find((element) =>
              normalized(element.textContent ?? '').startsWith(start),
            );
            const firstGroup = document.querySelector('.col-content summary[data-key^="section-"]');
            if (!paragraph || !firstGroup)
              return { paragraph: !!paragraph, firstGroup: !!firstGroup, before: false };
            const before = !!(
              paragraph.compareDocumentPosition(firstGroup) & Node.DOCUMENT_POSITION_FOLLOWING
            );
            return { paragraph: true, firstGroup: true, before };
          },
          overview.slice(0, 60),
        );
        expect(order, `${packageName}: "${overview.slice(0, 60)}…" first, then the exports`).toEqual({
          paragraph: true,
          firstGroup: true,
          before: true,
        });
        expect(await page.locator('.tsd-index-link, .tsd-member-summary-name').count()).toBeGreaterThan(3);
        await page.close();
      },
    );

    it('lists the main entry points of reconcile before its classes and interfaces', async () => {
      const page = await open('modules/_anaplan-access_reconcile.html');
      const groups = await page.locator('.col-content h2.tsd-anchor-link').allInnerTexts();
      await page.close();
      const index = (title: string) => groups.findIndex((group) => group.trim() === title);
      expect(index('Plan and apply')).toBeGreaterThanOrEqual(0);
      expect(index('Plan and apply')).toBeLessThan(index('Classes'));
      expect(index('Sources')).toBeLessThan(index('Interfaces'));
    });

    it('shows visible content on a page of every kind of the API reference', async () => {
      for (const kind of ['classes', 'interfaces', 'functions', 'types', 'variables']) {
        const [first] = (await readdir(join(site, kind))).filter((name) => name.endsWith('.html')).sort();
        expect(first, kind).toBeDefined();
        await (await open(`${kind}/${first}`)).close();
      }
    });

    it('links to the repository for files that are not pages of the site, never to copies', async () => {
      expect(existsSync(join(site, 'media')), 'files copied into media/').toBe(false);
      const html = await readFile(join(site, 'documents', 'reconcile.html'), 'utf8');
      expect(html).toContain(`href="${repository}/blob/main/examples/csv-source/src/csv-source-example.ts"`);
    });

    it.each([
      ['ScimClient', 'classes/_anaplan-access_scim.ScimClient.html'],
      ['runImport', 'classes/_anaplan-access_bulk.ModelClient.html#runimport'],
      ['plan', 'functions/_anaplan-access_reconcile.plan.html'],
    ])('search finds %s', async (query, expected) => {
      const page = await open('index.html');
      await page.locator('#tsd-search-trigger').click();
      await page.locator('#tsd-search-input').fill(query);
      const results = page.locator('#tsd-search-results li a');
      await results.first().waitFor({ timeout: 10_000 });
      const hrefs = await results.evaluateAll((anchors) =>
        anchors.map((anchor) => anchor.getAttribute('href')),
      );
      expect(hrefs.map((href) => href?.replace(/^\.\//, ''))).toContain(expected);
      await page.close();
    });

    it('has no broken internal link, in the pages and in the rendered navigation', async () => {
      const files = await htmlFiles(site);
      expect(files.length).toBeGreaterThan(50);
      const anchors = new Map<string, Set<string>>();
      const links: { from: string; href: string; via?: string }[] = [];
      for (const file of files) {
        const html = await readFile(join(site, file), 'utf8');
        anchors.set(file, anchorsOf(html));
        for (const match of html.matchAll(/\shref="([^"]+)"/g))
          links.push({ from: file, href: match[1] as string });
      }
      // The sidebar is built by script from assets/navigation.js: add the links the earlier tests saw rendered in
      // the index and every package page. They are absolute: resolve them from the site's root.
      expect(new Set(renderedLinks.map((link) => link.page)).size).toBeGreaterThanOrEqual(
        packages.length + 1,
      );
      for (const { page, href } of renderedLinks)
        if (href.startsWith(`${origin}/`))
          links.push({ from: 'index.html', href: href.slice(origin.length + 1) || 'index.html', via: page });

      const fetched = new Map<string, number>();
      const broken: string[] = [];
      for (const { from, href, via = from } of links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith(origin)) continue; // https:, mailto: …
        const [pathPart = '', fragment] = href.split('#');
        const target =
          pathPart === '' ? from : join(from, '..', decodeURIComponent(pathPart)).split(sep).join('/');
        if (target.startsWith('..')) {
          broken.push(`${via}: ${href} leaves the site`);
          continue;
        }
        if (target.endsWith('.html')) {
          const targetAnchors = anchors.get(target);
          if (!targetAnchors) broken.push(`${via}: ${href} (no page ${target})`);
          else if (fragment && !targetAnchors.has(decodeURIComponent(fragment)))
            broken.push(`${via}: ${href} (no anchor #${fragment})`);
        } else {
          let status = fetched.get(target);
          if (status === undefined) {
            const response = await fetch(`${origin}/${target}`);
            await response.body?.cancel();
            status = response.status;
            fetched.set(target, status);
          }
          if (status !== 200) broken.push(`${via}: ${href} (HTTP ${status})`);
        }
      }
      expect([...new Set(broken)]).toEqual([]);
    }, 120_000);
  },
);
