import { runConnectBundleExample } from './connect-bundle-example.ts';

try {
  const { first, exitCode } = await runConnectBundleExample();
  process.exitCode = first.blocked || (exitCode !== undefined && exitCode !== 0) ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
