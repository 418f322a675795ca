import { runCloudWorksChannel } from './cloudworks-channel.ts';

try {
  const { first, result } = await runCloudWorksChannel();
  process.exitCode = first.blocked || (result && result.outcome !== 'succeeded') ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
