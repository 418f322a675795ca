import { runDemo } from './demo.ts';

const { second, result } = await runDemo(process.env, (...lines: string[]) => {
  for (const line of lines) console.log(line);
});
process.exitCode = result.outcome === 'succeeded' && second.operations.length === 0 ? 0 : 1;
