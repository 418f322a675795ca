import { afterAll, describe, expect, it } from 'vitest';
import { baseSeed } from './random.js';
import { runScenario } from './run-scenario.js';
import { faultScenarios } from './scenarios.js';
import { full, iterations, scenarioTimeoutMs, Tally } from './suite-settings.js';

const tally = new Tally();
const seed = baseSeed(20_250_701, full);
afterAll(() => {
  console.log(tally.line('Fault suite (single faults)', seed));
});

describe('reconcile under each fault, end to end against the simulator', () => {
  const cases = faultScenarios.flatMap((scenario, index) =>
    Array.from({ length: iterations }, (_, iteration) => ({
      scenario,
      seed: (seed + index * 7919 + iteration * 104_729) >>> 0,
    })),
  );
  it.each(cases)(
    '$scenario.name (seed $seed)',
    { timeout: scenarioTimeoutMs },
    async ({ scenario, seed }) => {
      const report = await runScenario(scenario, seed);
      tally.record(`${scenario.name} (seed ${seed})`, report.problems.length === 0);
      expect(report.problems, `seed ${seed}, runs: ${report.outcomes.join(' → ')}`).toEqual([]);
    },
  );
});
