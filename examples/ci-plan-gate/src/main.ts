import { applyReviewedPlan } from './apply-reviewed-plan.ts';
import { runPlanGate } from './plan-gate.ts';

// `plan` (the gate: exit code 0 no changes, 2 changes, 1 error) or `apply` (the reviewed plan: 0 applied, 1 not).
const command = process.argv[2] ?? 'plan';
if (command === 'plan') {
  process.exitCode = (await runPlanGate()).exitCode;
} else if (command === 'apply') {
  try {
    const { status, result } = await applyReviewedPlan();
    process.exitCode = status === 'applied' && result?.outcome === 'succeeded' ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} else {
  console.error(`Unknown command "${command}": use plan or apply.`);
  process.exitCode = 1;
}
