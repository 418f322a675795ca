/**
 * How much of the fault suite runs. `pnpm test` runs the bounded form (each fault once, a few mixes, a few kills);
 * `pnpm test:faults` runs the full form (many seeds). `FAULT_ITERATIONS` overrides the count of seeds per fault and
 * `FAULT_SEED` fixes the base seed, to replay a failure.
 */
export const full = process.env['npm_lifecycle_event'] === 'test:faults' || process.env['FAULT_FULL'] === '1';

/** Seeds per single fault. */
export const iterations = Number(process.env['FAULT_ITERATIONS'] ?? (full ? 8 : 1));

/** Random mixes of faults. */
export const mixes = Number(process.env['FAULT_MIXES'] ?? (full ? 30 : 4));

/** Random kill points. */
export const kills = Number(process.env['FAULT_KILLS'] ?? (full ? 12 : 3));

/** Per-test time budget: a scenario makes a few reconcile runs, some with second-long waits. */
export const scenarioTimeoutMs = 60_000;

/** Counts scenarios across a test file and prints the summary line the issue asks for. */
export class Tally {
  ran = 0;
  passed = 0;
  readonly failed: string[] = [];

  record(name: string, passed: boolean): void {
    this.ran += 1;
    if (passed) this.passed += 1;
    else this.failed.push(name);
  }

  /** The summary line; `seed` is the suite's base seed (`FAULT_SEED=<seed>` replays the run). */
  line(suite: string, seed: number): string {
    const failures = this.failed.length > 0 ? `; failed: ${this.failed.join('; ')}` : '';
    return `${suite}: ${this.ran} scenarios ran, ${this.passed} passed (base seed ${seed})${failures}`;
  }
}
