import { runPlanGate } from './plan-gate.ts';

const { exitCode } = await runPlanGate();
process.exitCode = exitCode;
