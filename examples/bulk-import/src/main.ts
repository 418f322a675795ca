import { runBulkImport } from './bulk-import-example.ts';

try {
  const { result } = await runBulkImport();
  process.exitCode = result.successful ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
