import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceIdsOf } from '@anaplan-access/scim';
import { describe, expect, it } from 'vitest';
import { runAccessReview } from '../../examples/access-review/src/access-review.ts';
import { runBulkImport } from '../../examples/bulk-import/src/bulk-import-example.ts';
import { applyReviewedPlan } from '../../examples/ci-plan-gate/src/apply-reviewed-plan.ts';
import { connect } from '../../examples/ci-plan-gate/src/connection.ts';
import { runPlanGate } from '../../examples/ci-plan-gate/src/plan-gate.ts';
import { runCsvSourceExample } from '../../examples/csv-source/src/csv-source-example.ts';
import { runDriftWatch } from '../../examples/drift-watch/src/drift-watch.ts';
import { runPostgresSourceExample } from '../../examples/postgres-source/src/postgres-source-example.ts';
import { runDemo } from '../../examples/quickstart/src/demo.ts';
import { runScimLifecycle } from '../../examples/scim-provisioning/src/lifecycle.ts';
import { runUamModelSourceExample } from '../../examples/uam-model-source/src/uam-model-source-example.ts';
import { planGateAccessFile } from '../helpers/plan-gate-access.js';
import { postgresAbsent, postgresAvailable } from '../helpers/postgres.js';

/** Collects what an example prints, so that a failing assertion can show it. */
function recorder() {
  const lines: string[] = [];
  return { lines, print: (...text: string[]) => lines.push(...text) };
}

const reconcileKinds = [
  'user.create',
  'user.deactivate',
  'workspace.grant',
  'workspace.revoke',
  'model.access.set',
  'model.access.revoke',
];

const postgres = await postgresAvailable('examples › postgres-source');

describe('examples, run in-process against the simulator', () => {
  it('quickstart: SQLite → plan → apply → the next plan is empty', async () => {
    const output = recorder();
    const { first, second, result } = await runDemo({}, output.print);
    expect(first.operations.length, output.lines.join('\n')).toBeGreaterThan(0);
    expect(result.outcome, output.lines.join('\n')).toBe('succeeded');
    expect(second.operations).toEqual([]);
    expect(output.lines.join('\n')).toContain('No changes.');
  });

  it('csv-source: joiner, mover, leaver and an access change from a CSV, applied and converged', async () => {
    const output = recorder();
    const { first, result, second } = await runCsvSourceExample({}, output.print);
    const kinds = new Set(first.operations.map((operation) => operation.kind));
    for (const kind of reconcileKinds) expect(kinds, kind).toContain(kind);
    expect(first.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(result?.outcome, output.lines.join('\n')).toBe('succeeded');
    expect(second?.operations).toEqual([]);
  });

  it('csv-source keeps the simulated tenant in ANAPLAN_SIM_STATE_FILE: a second run finds nothing to change', async () => {
    const state = join(await mkdtemp(join(tmpdir(), 'csv-source-')), 'tenant.json');
    const first = await runCsvSourceExample({ ANAPLAN_SIM_STATE_FILE: state }, recorder().print);
    expect(first.result?.outcome).toBe('succeeded');
    const output = recorder();
    const second = await runCsvSourceExample({ ANAPLAN_SIM_STATE_FILE: state }, output.print);
    expect(second.first.operations).toEqual([]);
    expect(second.result).toBeUndefined();
    expect(output.lines.join('\n')).toContain('No changes.');
  });

  it.skipIf(!postgres)(
    postgres
      ? 'postgres-source: the relational schema in PostgreSQL, applied and converged'
      : `postgres-source (${postgresAbsent})`,
    async () => {
      const output = recorder();
      const outcome = await runPostgresSourceExample({}, output.print);
      expect(outcome.skipped, output.lines.join('\n')).toBeUndefined();
      expect(new Set(outcome.first?.operations.map((operation) => operation.kind))).toEqual(
        new Set(reconcileKinds.concat('user.create')),
      );
      expect(outcome.result?.outcome).toBe('succeeded');
      expect(outcome.second?.operations).toEqual([]);
    },
  );

  it('postgres-source says it skipped, and why, when the database cannot be reached', async () => {
    const output = recorder();
    const outcome = await runPostgresSourceExample(
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      output.print,
    );
    expect(outcome.skipped).toMatch(/not reachable/);
    expect(output.lines.join('\n')).toMatch(/^Skipped: PostgreSQL is not reachable/);
  });

  it('uam-model-source: access rows exported from a UAM model, applied and converged', async () => {
    const output = recorder();
    const { first, result, second } = await runUamModelSourceExample({}, output.print);
    expect(first.source).toBe('anaplan-export:Access Rows');
    expect(first.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    const kinds = new Set(first.operations.map((operation) => operation.kind));
    for (const kind of reconcileKinds) expect(kinds, kind).toContain(kind);
    expect(result?.outcome, output.lines.join('\n')).toBe('succeeded');
    expect(second?.operations).toEqual([]);
  });

  it('scim-provisioning: joiner, mover and leaver through SCIM only', async () => {
    const output = recorder();
    const { joined, moved, left } = await runScimLifecycle({}, output.print);
    expect(joined.active).toBe(true);
    expect(workspaceIdsOf(joined)).toEqual(['8a81b09e5f1d4c2f9a3e7b6c5d4e3f21']);
    expect(workspaceIdsOf(moved)).toEqual(['8a81b09e5f1d4c2f9a3e7b6c5d4e3f22']);
    expect(left.active).toBe(false);
    expect(workspaceIdsOf(left)).toEqual([]);
  });

  it('bulk-import: a USERS import with a rejected row, its dump parsed and written out', async () => {
    const output = recorder();
    const directory = await mkdtemp(join(tmpdir(), 'bulk-import-example-'));
    const { result, rejectedRowsPath } = await runBulkImport({ REJECTED_ROWS_DIR: directory }, output.print);
    expect(result.successful, output.lines.join('\n')).toBe(true);
    expect(result.failureDumpAvailable).toBe(true);
    const rejected = result.failures.filter((failure) => failure.status === 'error');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.row['Email']).toBe('ana.silva@example.com');
    expect(rejected[0]?.messages.join(' ')).toMatch(/role/i);
    expect(rejectedRowsPath).toBe(join(directory, 'rejected-rows.csv'));
    const written = await readFile(rejectedRowsPath ?? '', 'utf8');
    expect(written.split('\n')[0]).toContain('Messages');
    expect(written).toContain('ana.silva@example.com');
  });

  describe('drift-watch', () => {
    it('exits 2 with a Markdown report naming the hand edit, then 0 from its watermark; 1 on a broken watermark', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'drift-watch-'));
      const output = recorder();
      const first = await runDriftWatch({ REPORT_DIR: directory }, output.print);
      expect(first.exitCode, output.lines.join('\n')).toBe(2);
      const markdown = await readFile(join(directory, 'anaplan-drift.md'), 'utf8');
      expect(markdown).toMatch(/^## Anaplan drift report/);
      expect(markdown).toMatch(
        /\| chen\.wei@example\.com \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| kim\.admin@example\.com \| model role Planner in "FP&A" \(was Reviewer\) \| USR-23 \|/,
      );
      const watermark = JSON.parse(await readFile(join(directory, 'anaplan-drift-watermark.json'), 'utf8'));
      expect(watermark).toMatchObject({ through: expect.any(Number), seenIds: expect.any(Array) });

      // A later run of another simulated tenant from that watermark, without a hand edit: no drift.
      const quiet = await runDriftWatch({ REPORT_DIR: directory, SIMULATE_HAND_EDIT: 'false' }, output.print);
      expect(quiet.exitCode, output.lines.join('\n')).toBe(0);
      expect(await readFile(join(directory, 'anaplan-drift.md'), 'utf8')).toContain('**No drift.**');

      const broken = join(directory, 'broken.json');
      await writeFile(broken, '{ not json');
      const failed = await runDriftWatch({ REPORT_DIR: directory, WATERMARK_FILE: broken }, output.print);
      expect(failed.exitCode).toBe(1);
      expect(await readFile(broken, 'utf8')).toBe('{ not json');
    });
  });

  describe('access-review', () => {
    it('writes the HTML, CSV, Markdown and JSON review and the adopted access file; the second run compares', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'access-review-'));
      const output = recorder();
      const first = await runAccessReview({ REPORT_DIR: directory }, output.print);
      expect(first.exitCode, output.lines.join('\n')).toBe(0);
      const html = await readFile(join(directory, 'access-review.html'), 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('bruno.costa@example.com');
      const csv = await readFile(join(directory, 'access-review.csv'), 'utf8');
      expect(csv).toMatch(
        /^bruno\.costa@example\.com,Bruno,Costa,yes,[^,]+,[^,]+,yes,Full Access,Sales,Sales,Sales Forecast,Sales Rep,/m,
      );
      expect(csv).toMatch(/^dana\.novak@example\.com,Dana,Novak,yes,[^,]+,never,yes,/m);
      expect(await readFile(join(directory, 'access-review.md'), 'utf8')).toContain(
        '| Dormant (90+ days) | 2 |',
      );
      expect(first.inventory?.licences).toEqual({ known: true });
      const adopted = await readFile(join(directory, 'adopted-access.csv'), 'utf8');
      expect(adopted).toContain('ana.silva@example.com,,,,,,FP&A,,,,Regions,EMEA,read');
      const second = await runAccessReview({ REPORT_DIR: directory, DORMANT_AFTER_DAYS: '60' }, output.print);
      expect(second.exitCode).toBe(0);
      expect(await readFile(join(directory, 'access-review.md'), 'utf8')).toContain(
        '| Dormant (60+ days) | 3 |',
      );
      expect(output.lines).toContainEqual(expect.stringMatching(/compared with the inventory of /));
    });
  });

  describe('ci-plan-gate', () => {
    it('exits 2 and writes the Markdown plan when the access file changes something', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'plan-gate-'));
      const output = recorder();
      const outcome = await runPlanGate({ PLAN_DIR: directory }, output.print);
      expect(outcome.exitCode, output.lines.join('\n')).toBe(2);
      const markdown = await readFile(join(directory, 'anaplan-access-plan.md'), 'utf8');
      expect(markdown).toMatch(/^## Anaplan access plan/);
      expect(markdown).toContain('eve.martin@example.com');
      const saved = JSON.parse(await readFile(join(directory, 'anaplan-access-plan.json'), 'utf8'));
      expect(saved.operations.length).toBe(outcome.plan?.operations.length);
    });

    it('exits 0 when Anaplan already matches the access file', async () => {
      const { directory, csv } = await planGateAccessFile();
      const output = recorder();
      const outcome = await runPlanGate({ PLAN_DIR: directory, ACCESS_CSV: csv }, output.print);
      expect(outcome.exitCode, output.lines.join('\n')).toBe(0);
      expect(await readFile(join(directory, 'anaplan-access-plan.md'), 'utf8')).toContain('No changes.');
    });

    it('exits 1 when the access file cannot be read, instead of planning to remove everyone', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'plan-gate-'));
      const output = recorder();
      const outcome = await runPlanGate(
        { PLAN_DIR: directory, ACCESS_CSV: join(directory, 'missing.csv') },
        output.print,
      );
      expect(outcome.exitCode).toBe(1);
      expect(outcome.plan?.blocked).toBe(true);
    });

    it('applies the reviewed JSON plan, and refuses it once Anaplan has changed since', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'plan-gate-'));
      const output = recorder();
      const connection = await connect({});
      try {
        expect((await runPlanGate({ PLAN_DIR: directory }, output.print, connection)).exitCode).toBe(2);
        const stale = await mkdtemp(join(tmpdir(), 'plan-gate-'));
        expect((await runPlanGate({ PLAN_DIR: stale }, output.print, connection)).exitCode).toBe(2);

        const applied = await applyReviewedPlan({ PLAN_DIR: directory }, output.print, connection);
        expect(applied.status, output.lines.join('\n')).toBe('applied');
        expect(applied.result?.outcome).toBe('succeeded');
        expect(connection.simulator?.state.findUserByName('eve.martin@example.com')?.active).toBe(true);
        const audit = await readFile(join(directory, 'anaplan-access-audit.jsonl'), 'utf8');
        expect(audit).toContain('"outcome":"succeeded"');

        // The second plan was made before the first was applied: Anaplan no longer matches it.
        const refused = await applyReviewedPlan({ PLAN_DIR: stale }, output.print, connection);
        expect(refused.status).toBe('stale');
        expect((await runPlanGate({ PLAN_DIR: stale }, output.print, connection)).exitCode).toBe(0);
      } finally {
        await connection.close();
      }
    });

    it('plans, applies and plans again in separate runs: the simulated tenant is kept in PLAN_DIR between them', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'plan-gate-'));
      const output = recorder();
      // An empty variable (a CI variable set to nothing) is no file name: the default applies.
      const env = { PLAN_DIR: directory, ANAPLAN_SIM_STATE_FILE: '' };
      expect((await runPlanGate(env, output.print)).exitCode).toBe(2);
      const applied = await applyReviewedPlan(env, output.print);
      expect(applied.status, output.lines.join('\n')).toBe('applied');
      expect(applied.result?.outcome).toBe('succeeded');
      const again = await runPlanGate(env, output.print);
      expect(again.exitCode, output.lines.join('\n')).toBe(0);
      expect(JSON.parse(await readFile(join(directory, 'simulated-tenant.json'), 'utf8'))).toMatchObject({
        format: 'anaplan-sim-state',
      });
    });

    it('exits 1 and names the variable when a real tenant is configured without a target file', async () => {
      const output = recorder();
      const outcome = await runPlanGate(
        { ANAPLAN_USERNAME: 'someone@example.com', ANAPLAN_PASSWORD: 'x' },
        output.print,
      );
      expect(outcome.exitCode).toBe(1);
      expect(output.lines.join('\n')).toMatch(/^Error: Set ANAPLAN_TARGET_FILE/m);
    });

    it('exits 1 on a configuration error', async () => {
      const output = recorder();
      const outcome = await runPlanGate(
        {
          ANAPLAN_USERNAME: 'someone@example.com',
          ANAPLAN_PASSWORD: 'x',
          ANAPLAN_REGION: 'xx9',
          ANAPLAN_TARGET_FILE: fileURLToPath(
            new URL('../../examples/ci-plan-gate/anaplan-target.example.json', import.meta.url),
          ),
        },
        output.print,
      );
      expect(outcome.exitCode).toBe(1);
      expect(output.lines.join('\n')).toMatch(/^Error: .*region/im);
    });
  });
});
