// Measurement (issue 17 §6): the HTML access review of 100,000 rows (20,000 users in 5 models each): its size, the
// time to render it, and in Chromium (through playwright-core, as the docs test drives it) the time to open it from
// disk until the table shows, and to filter it by model and by user. Figures are printed, nothing is asserted.
// Usage: node test/bench/report-html.ts [rows]
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Inventory, inventoryFormatVersion, renderInventory } from '@anaplan-access/reconcile';
import { chromium } from 'playwright-core';
import { peakRssMb, report } from './child.ts';

const rows = Number(process.argv[2] ?? 100_000);
const modelsPerUser = 5;
const userCount = Math.ceil(rows / modelsPerUser);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const day = 86_400_000;
const now = Date.now();

const workspaces = Array.from({ length: 4 }, (_, index) => ({
  id: `e${String(index).padStart(31, '0')}`,
  name: `Workspace ${index}`,
  administrators: ['integration@corp.example'],
}));
const models = Array.from({ length: 20 }, (_, index) => ({
  workspaceId: workspaces[index % workspaces.length]?.id as string,
  modelId: `C${String(index).padStart(31, '0')}`,
  name: `Model ${index}`,
  access: 'known' as const,
}));
const inventory: Inventory = {
  formatVersion: inventoryFormatVersion,
  takenAt: new Date(now).toISOString(),
  workspaces,
  models,
  users: Array.from({ length: userCount }, (_, u) => ({
    userName: `user${String(u).padStart(6, '0')}@corp.example`,
    id: u.toString(16).padStart(32, '0'),
    givenName: `Given${u}`,
    familyName: 'Person',
    active: u % 50 !== 0,
    created: new Date(now - 400 * day).toISOString(),
    lastLogin: u % 9 === 0 ? 'never' : new Date(now - (u % 300) * day).toISOString(),
    licences: [u % 4 === 0 ? 'Viewer' : 'Full Access'],
    workspaces: [workspaces[u % workspaces.length]?.id as string],
    administers: [],
  })),
  access: [],
  lastLogins: { known: true },
  licences: { known: true },
};
for (let u = 0; u < userCount; u += 1)
  for (let k = 0; k < modelsPerUser && inventory.access.length < rows; k += 1) {
    const model = models[(u + k * 4) % models.length] as (typeof models)[number];
    inventory.access.push({
      userName: `user${String(u).padStart(6, '0')}@corp.example`,
      workspaceId: model.workspaceId,
      modelId: model.modelId,
      role: ['Planner', 'Viewer', 'Reviewer', 'Full Access'][(u + k) % 4] as string,
      sso: u % 3 !== 0,
      workspaceAdministrator: false,
      selectiveAccess: { Regions: { read: [['EMEA', 'APAC', 'AMER'][u % 3] as string], write: [] } },
    });
  }

const renderStarted = performance.now();
const html = renderInventory(inventory, { format: 'html' });
const renderSeconds = (performance.now() - renderStarted) / 1000;
const directory = await mkdtemp(join(tmpdir(), 'report-bench-'));
const path = join(directory, 'access-review.html');
await writeFile(path, html);
const result: Record<string, unknown> = {
  rows: inventory.access.length,
  users: inventory.users.length,
  bytes: Buffer.byteLength(html),
  renderSeconds,
  peakRssMb: Math.round(peakRssMb()),
};
try {
  if (!existsSync(chromiumPath)) result['browser'] = `skipped: ${chromiumPath} not found`;
  else {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const count = page.locator('#count');
      const opened = performance.now();
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      await page.locator('#access-table tbody tr').first().waitFor();
      result['openSeconds'] = (performance.now() - opened) / 1000;
      const timed = async (action: () => Promise<void>) => {
        const before = await count.textContent();
        const started = performance.now();
        await action();
        await page.waitForFunction(
          (previous) => document.getElementById('count')?.textContent !== previous,
          before,
        );
        return { seconds: (performance.now() - started) / 1000, shown: await count.textContent() };
      };
      result['filterByModel'] = await timed(() => page.selectOption('#f-model', 'Model 7').then(() => {}));
      result['filterByUser'] = await timed(() => page.fill('#f-text', 'user0123'));
      result['clear'] = await timed(() => page.click('#f-clear'));
      result['sortByLastLogin'] = await timed(async () => {
        await page.click('th[data-column="3"]');
        await page.fill('#f-text', 'user01');
      });
      result['scriptErrors'] = errors;
    } finally {
      await browser.close();
    }
  }
  report(result);
} finally {
  await rm(directory, { recursive: true, force: true });
}
