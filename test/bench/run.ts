// `pnpm bench`: runs the seven measurements, prints a table, writes bench-results.json at the repository root, and
// with `--check` exits 1 when a target is missed. The packages must be built (`pnpm bench` builds them first).
// Each measurement runs in a child process of its own. The plan measurements run alone: on a 2-core machine a
// process busy on the other core slows this one's CPU by a third. The naive peer (measurement 4) waits on the
// network most of the time, so it runs in the background during the upload; observe and apply, whose wall time is
// compared with a bound, run alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.ts';
import { type Check, type Results, summarise } from './summary.ts';

const check = process.argv.includes('--check');
const quick = process.argv.includes('--quick');
const sizes = quick ? [10_000, 20_000, 50_000] : [10_000, 100_000, 250_000];
const scale = quick ? 0.2 : 1;

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const startedAt = new Date();
const started = performance.now();
const machine = {
  cpus: availableParallelism(),
  cpuModel: cpuModel(),
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
  loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
};
const log = (text: string) => process.stderr.write(`${text}\n`);
log(
  `bench: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, load ${machine.loadAverageAtStart}`,
);

const plan: Results['plan'] = [];
for (const users of sizes) {
  log(`plan: ${users} users`);
  plan.push(await runChild('plan-size.ts', [String(users)], ['--expose-gc']));
}
const applyUsers = Math.round(5_000 * scale);
log(`naive peer (${applyUsers / 10} users) starts in the background`);
const naive = runChild<Results['naive']>('naive-run.ts', [String(applyUsers / 10), '50']);
naive.catch(() => {}); // awaited below
log(`upload: ${Math.round(500 * scale)} MB`);
const upload = await runChild<Results['upload']>('upload.ts', [String(Math.round(500 * scale))]);
log('waiting for the naive peer');
const naiveResult = await naive;
log(`observe: ${20_000 * scale} users`);
const observe = await runChild<Results['observe']>('observe.ts', [String(20_000 * scale)]);
log(`apply: ${applyUsers} users`);
const apply = await runChild<Results['apply']>('apply-run.ts', [String(applyUsers), '50']);
const downloadMegabytes = String(Math.round(1024 * scale));
log(`large downloads: a ${downloadMegabytes} MB failure dump, then a ${downloadMegabytes} MB Users export`);
const downloads: Results['downloads'] = [
  await runChild<Results['downloads'][number]>('large-downloads.ts', ['dump', downloadMegabytes]),
  await runChild<Results['downloads'][number]>('large-downloads.ts', ['export', downloadMegabytes]),
];

// Governance (issue 17 §6): figures only, no target.
const inventoryArgs = quick ? ['40', '500', '4000'] : ['200', '500', '20000'];
log(`inventory: ${inventoryArgs[0]} models × ${inventoryArgs[1]} users, ${inventoryArgs[2]} tenant users`);
const inventory = await runChild<Record<string, unknown>>('inventory.ts', inventoryArgs);
log(`HTML access review: ${100_000 * scale} rows`);
const reportHtml = await runChild<Record<string, unknown>>('report-html.ts', [String(100_000 * scale)]);

const results: Results = { plan, observe, apply, naive: naiveResult, upload, downloads };
const { table, checks } = summarise(results);
const finishedAt = new Date();
const report = {
  startedAt: startedAt.toISOString(),
  durationSeconds: Math.round((performance.now() - started) / 100) / 10,
  quick,
  machine: { ...machine, loadAverageAtEnd: loadavg().map((value) => Math.round(value * 100) / 100) },
  finishedAt: finishedAt.toISOString(),
  checks,
  results,
  governance: { inventory, reportHtml },
};
const path = fileURLToPath(new URL('../../bench-results.json', import.meta.url));
writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${table}\n`);
const figure = (value: unknown, digits = 2) =>
  typeof value === 'number' ? value.toFixed(digits) : String(value);
const timing = (value: unknown) => figure((value as { seconds?: number } | undefined)?.seconds);
process.stdout.write(
  `inventory of ${inventory['models']} models × ${inventory['usersPerModel']} users, ${inventory['tenantUsers']} tenant users: ${inventory['requests']} requests (minimum ${inventory['minimumRequests']}), ${figure(inventory['seconds'])} s (bound ${figure(inventory['boundSeconds'])} s, ×${figure(inventory['ratio'])}), peak RSS ${inventory['peakRssMb']} MB\n` +
    `HTML access review of ${reportHtml['rows']} rows: ${figure(Number(reportHtml['bytes']) / 1024 / 1024, 1)} MB, rendered in ${figure(reportHtml['renderSeconds'])} s; in Chromium opened in ${figure(reportHtml['openSeconds'])} s, filtered by model in ${timing(reportHtml['filterByModel'])} s, by user in ${timing(reportHtml['filterByUser'])} s\n`,
);
const missed = checks.filter((item: Check) => !item.passed);
log(`bench: ${report.durationSeconds} s; results in bench-results.json`);
if (missed.length > 0)
  log(`bench: ${missed.length} target(s) missed: ${missed.map((item) => item.name).join('; ')}`);
if (check && missed.length > 0) process.exitCode = 1;
