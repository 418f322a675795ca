import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { anaplanTarget, inventory, renderInventory } from '@anaplan-access/reconcile';
import { ScimClient } from '@anaplan-access/scim';
import { demoTenant, type Simulator, startSimulator } from '@anaplan-access/testkit';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSkip } from '../helpers/skip-notice.js';

/**
 * The HTML access review in a real browser (Debian's Chromium, or `CHROMIUM_PATH`, through playwright-core): it is
 * opened from disk, must load without script errors and without asking the network for anything, its filters must
 * narrow the table, and its sort must order it. Screenshots are kept in test-artifacts/access-review/.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const haveChromium = existsSync(chromiumPath);
const chromiumAbsent = `${chromiumPath} not found; install it with apt-get install -y chromium (or set CHROMIUM_PATH)`;
if (!haveChromium) printSkip('Access review report in headless Chromium', chromiumAbsent);
const artifacts = fileURLToPath(new URL('../../test-artifacts/access-review/', import.meta.url));

let sim: Simulator;
let browser: Browser | undefined;
let reportPath: string;

beforeAll(async () => {
  const demo = demoTenant();
  const day = 86_400_000;
  for (const user of demo.seed.users ?? [])
    if (user.userName.startsWith('bruno'))
      user.lastLoginDate = new Date(Date.now() - 120 * day).toISOString();
    else if (user.userName.startsWith('ana'))
      user.lastLoginDate = new Date(Date.now() - 2 * day).toISOString();
  sim = await startSimulator({ seed: demo.seed });
  const common = { auth: basicAuth(demo.credentials), authUrl: sim.authUrl };
  const scim = new ScimClient({ ...common, baseUrl: sim.scimUrl });
  const integration = new IntegrationClient({ ...common, baseUrl: sim.apiUrl });
  const target = anaplanTarget({ scim, integration, workspaces: demo.workspaces, models: demo.models });
  const before = await inventory(target);
  sim.ui.setModelRole(demo.credentials.username, 'chen.wei@example.com', 'FP&A', 'Planner');
  const after = await inventory(target);
  await Promise.all([scim.close(), integration.close()]);
  await mkdir(artifacts, { recursive: true });
  reportPath = join(artifacts, 'access-review.html');
  await writeFile(
    reportPath,
    renderInventory(after, { format: 'html', since: before, title: 'Example Corp access review' }),
  );
  if (haveChromium) browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe.skipIf(!haveChromium)(
  haveChromium ? 'the HTML access review in Chromium' : `the HTML access review (skipped: ${chromiumAbsent})`,
  () => {
    it('opens from disk without script errors or network requests, and its filters and sort work', async () => {
      const page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(reportPath).href;
      await page.goto(url, { waitUntil: 'load' });
      const rows = page.locator('#access-table tbody tr');
      await rows.first().waitFor();
      expect(errors).toEqual([]);
      expect(requests).toEqual([url]); // the page itself, nothing else
      expect(await rows.count()).toBe(6); // 4 people with model access, the break-glass and integration accounts
      expect(await page.locator('#summary svg.chart').count()).toBe(3);
      expect(await page.locator('#changes').textContent()).toContain('chen.wei@example.com');
      await page.screenshot({ path: join(artifacts, 'access-review.png'), fullPage: true });

      await page.selectOption('#f-model', 'FP&A');
      expect(await rows.count()).toBe(2);
      expect(await page.locator('#count').textContent()).toBe('Showing 2 of 2 matching rows (6 in all)');
      await page.fill('#f-item', 'emea');
      expect(await rows.allTextContents()).toEqual([expect.stringContaining('ana.silva@example.com')]);
      await page.click('#f-clear');
      // By workspace: its models' rows, and its members in no model (the break-glass account, the integration
      // account, which is in both workspaces).
      await page.selectOption('#f-workspace', 'Finance');
      expect((await rows.allTextContents()).map((row) => row.split('@')[0])).toEqual([
        'ana.silva',
        'breakglass',
        'chen.wei',
        'integration',
      ]);
      await page.click('#f-clear');
      await page.selectOption('#f-login', 'dormant');
      expect(await rows.allTextContents()).toEqual([expect.stringContaining('bruno.costa@example.com')]);
      await page.screenshot({ path: join(artifacts, 'access-review-filtered.png'), fullPage: true });
      await page.click('#f-clear');
      await page.click('th[data-column="0"]');
      await page.click('th[data-column="0"]');
      const users = await page.locator('#access-table tbody tr td:first-child').allTextContents();
      expect(users).toEqual([...users].sort().reverse());
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
