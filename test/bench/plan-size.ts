// Measurement 1, one size: plans N desired users × 5 models against an observed state that differs for 5 % of
// them, with `planFrom` (pure: no I/O). Usage: node --expose-gc test/bench/plan-size.ts <users>
import { PerformanceObserver } from 'node:perf_hooks';
import { planFrom } from '@anaplan-access/reconcile';
import { peakRssMb, report, rssMb } from './child.ts';
import { planWorkload } from './plan-workload.ts';

const users = Number(process.argv[2] ?? 10_000);
const { desired, observed } = planWorkload(users);
globalThis.gc?.();
const inputRssMb = rssMb();
let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});
observer.observe({ entryTypes: ['gc'] });
const cpuBefore = process.threadCpuUsage();
const started = performance.now();
const plan = planFrom(desired, observed, { allowDestructive: true });
const seconds = (performance.now() - started) / 1000;
const cpu = process.threadCpuUsage(cpuBefore);
await new Promise((resolve) => setImmediate(resolve)); // let the last GC entries arrive
observer.disconnect();
report({
  users,
  models: observed.models.length,
  operations: plan.operations.length,
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  gcSeconds: gcMs / 1000,
  usersPerSecond: users / seconds,
  inputRssMb,
  peakRssMb: peakRssMb(),
});
