import { afterAll, describe, expect, it } from 'vitest';
import { baseSeed, seededRandom } from './random.js';
import { runScenario } from './run-scenario.js';
import { faultScenarios, mixedScenario } from './scenarios.js';
import { full, mixes, scenarioTimeoutMs, Tally } from './suite-settings.js';

const tally = new Tally();
const seed = baseSeed(20_250_702, full);
afterAll(() => {
  console.log(tally.line('Fault suite (random mixes)', seed));
});

describe('reconcile under random mixes of every fault, several faulted runs, then one clean run', () => {
  const cases = Array.from({ length: mixes }, (_, index) => ({ seed: (seed + index * 15_485_863) >>> 0 }));
  it.each(cases)('mix with seed $seed', { timeout: scenarioTimeoutMs }, async ({ seed }) => {
    const rng = seededRandom(seed);
    const scenario = mixedScenario(rng.subset(faultScenarios, 0.35));
    const faultedRuns = rng.integer(1, 3);
    const report = await runScenario(scenario, rng.integer(0, 2 ** 31), faultedRuns);
    tally.record(`${scenario.name} (seed ${seed})`, report.problems.length === 0);
    expect(report.problems, `seed ${seed}: ${scenario.name}; runs: ${report.outcomes.join(' → ')}`).toEqual(
      [],
    );
  });
});
