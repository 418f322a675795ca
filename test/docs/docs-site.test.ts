import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSkip } from '../helpers/skip-notice.js';

/**
 * The API reference site in a real browser: `typedoc.json` is built (as `pnpm docs` does, into a temporary folder),
 * served on a loopback port, and driven with Debian's Chromium through playwright-core.
 */
const chromiumPath = '/usr/bin/chromium';
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
const packages = ['core', 'scim', 'bulk', 'reconcile', 'testkit'];
const run = promisify(execFile);
const haveChromium = existsSync(chromiumPath);
const chromiumAbsent = `${chromiumPath} not found; install it with apt-get install -y chromium`;
if (!haveChromium) printSkip('API reference site in headless Chromium', chromiumAbsent);
/** A site built already (for example by `pnpm docs`: `DOCS_SITE=docs/api`); by default the test builds its own. */
const prebuilt = process.env.DOCS_SITE;

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

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'API reference site in headless Chromium'
    : `API reference site in headless Chromium (skipped: ${chromiumAbsent})`,
  () => {
    let site = '';
    let origin = '';
    let server: Server | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
      if (prebuilt) {
        site = resolve(prebuilt);
        ({ server, origin } = await serve(site));
        browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
        return;
      }
      site = await mkdtemp(join(tmpdir(), 'anaplan-access-api-'));
      // `pnpm docs` = build + typedoc; the packages' declarations are what TypeDoc reads across packages. Type
      // errors are the typecheck's business: skipping them here saves seconds, warnings still fail the build.
      const typescript = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      await run(process.execPath, [typescript, '-b', ...packages.map((name) => `packages/${name}`)], {
        cwd: root,
      });
      const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
      try {
        await run(process.execPath, [typedoc, '--out', site, '--skipErrorChecking'], {
          cwd: root,
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        // TypeDoc reports its warnings (treated as errors) on standard output: show them.
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        throw new Error(`pnpm docs (typedoc) failed:\n${stripVTControlCharacters(`${stdout}\n${stderr}`)}`);
      }
      ({ server, origin } = await serve(site));
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
      if (site && !prebuilt) await rm(site, { recursive: true, force: true });
    });

    /** Links of the pages opened in the browser, as rendered (the sidebar is built by script). */
    const renderedLinks: { page: string; href: string }[] = [];

    /** Opens a page, fails on a non-200 answer or a script error, and keeps its rendered links. */
    async function open(path: string): Promise<Page> {
      const page = await (browser as Browser).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      await page.locator('.tsd-navigation a').first().waitFor();
      expect(errors, `script errors on ${path}`).toEqual([]);
      const hrefs = await page.$$eval('a[href]', (anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
      );
      for (const href of hrefs) renderedLinks.push({ page: path, href });
      return page;
    }

    it('loads the index with the project name and every package', async () => {
      const page = await open('index.html');
      expect(await page.title()).toContain('anaplan-access');
      const hrefs = await page.$$eval('a[href]', (anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
      );
      for (const name of packages)
        expect(hrefs, name).toContain(`${origin}/modules/_anaplan-access_${name}.html`);
      await page.close();
    });

    it.each(packages)('loads the page of @anaplan-access/%s with its exports', async (name) => {
      const page = await open(`modules/_anaplan-access_${name}.html`);
      expect(await page.locator('h1').first().textContent()).toContain(`@anaplan-access/${name}`);
      expect(await page.locator('.tsd-index-link, .tsd-member-summary-name').count()).toBeGreaterThan(3);
      await page.close();
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
