// Measurement 1, one size: plans N desired users × 5 models against an observed state that differs for 5 % of
// them, with `planFrom` (pure: no I/O). Usage: node --expose-gc test/bench/plan-size.ts <users>
// The plan runs five times on the same input: the CPU time reported is the median (the compiler is still at work
// in the first runs, and the machine's noise moves single runs by ±20 %), and the first (cold: compiling
// included) is reported too. Peak RSS is the whole process during the first plan: the kernel's high-water mark is
// reset once the input is built, and read when that plan is done.
import { readFileSync, writeFileSync } from 'node:fs';
import { planFrom } from '@anaplan-access/reconcile';
import { peakRssMb, report, rssMb } from './child.ts';
import { planWorkload } from './plan-workload.ts';

const users = Number(process.argv[2] ?? 10_000);
const runs = 5;
const { desired, observed } = planWorkload(users);
globalThis.gc?.();
const peakReset = resetPeakRss();
const inputRssMb = rssMb();
const measured: { seconds: number; cpuSeconds: number; operations: number }[] = [];
let peakMb = 0;
for (let run = 0; run < runs; run += 1) {
  const cpuBefore = process.threadCpuUsage();
  const started = performance.now();
  const plan = planFrom(desired, observed, { allowDestructive: true });
  const seconds = (performance.now() - started) / 1000;
  // CPU time of this thread: what the plan costs, whatever else the machine is busy with.
  const cpu = process.threadCpuUsage(cpuBefore);
  measured.push({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, operations: plan.operations.length });
  if (run === 0) peakMb = (peakReset ? vmHwmMb() : undefined) ?? peakRssMb();
}
const median = [...measured].sort((left, right) => left.cpuSeconds - right.cpuSeconds)[Math.floor(runs / 2)];
const first = measured[0];
if (!median || !first) throw new Error('no plan measured');
report({
  users,
  models: observed.models.length,
  operations: median.operations,
  runs,
  seconds: median.seconds,
  cpuSeconds: median.cpuSeconds,
  firstCpuSeconds: first.cpuSeconds,
  runCpuSeconds: measured.map((run) => Math.round(run.cpuSeconds * 1000) / 1000),
  usersPerSecond: users / median.seconds,
  inputRssMb,
  peakRssMb: peakMb,
  peakIncludesSetup: !peakReset,
});

/** Resets the kernel's high-water mark of this process's RSS to its current RSS (Linux); false where it cannot. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return vmHwmMb() !== undefined;
  } catch {
    return false;
  }
}

/** The kernel's high-water mark of this process's RSS, in MB (Linux). */
function vmHwmMb(): number | undefined {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((text) => text.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : undefined;
}
