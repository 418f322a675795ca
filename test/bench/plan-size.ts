// Measurement 1, one size: plans N desired users × 5 models against an observed state that differs for 5 % of
// them, with `planFrom` (pure: no I/O). Usage: node --expose-gc test/bench/plan-size.ts <users>
import { planFrom } from '@anaplan-access/reconcile';
import { peakRssMb, report, rssMb } from './child.ts';
import { planWorkload } from './plan-workload.ts';

const users = Number(process.argv[2] ?? 10_000);
const { desired, observed } = planWorkload(users);
globalThis.gc?.();
const inputRssMb = rssMb();
const cpuBefore = process.threadCpuUsage();
const started = performance.now();
const plan = planFrom(desired, observed, { allowDestructive: true });
const seconds = (performance.now() - started) / 1000;
// CPU time of this thread: what the plan costs, whatever else the machine is busy with.
const cpu = process.threadCpuUsage(cpuBefore);
report({
  users,
  models: observed.models.length,
  operations: plan.operations.length,
  seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  usersPerSecond: users / seconds,
  inputRssMb,
  peakRssMb: peakRssMb(),
});
