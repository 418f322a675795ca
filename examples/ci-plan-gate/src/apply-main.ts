import { applyReviewedPlan } from './apply-reviewed-plan.ts';

try {
  const { status, result } = await applyReviewedPlan();
  process.exitCode = status === 'applied' && result?.outcome === 'succeeded' ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
