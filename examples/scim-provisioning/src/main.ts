import { runScimLifecycle } from './lifecycle.ts';

try {
  await runScimLifecycle();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
