import { runPostgresSourceExample } from './postgres-source-example.ts';

try {
  const { skipped, first, result } = await runPostgresSourceExample();
  process.exitCode = skipped || first?.blocked || (result && result.outcome !== 'succeeded') ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
