import { runDemo } from './demo.ts';

console.log(
  process.env.ANAPLAN_USERNAME && process.env.ANAPLAN_PASSWORD && process.env.ANAPLAN_TARGET_FILE
    ? 'REAL TENANT: this demo applies its plan to the Anaplan tenant your ANAPLAN_* variables name, changing access there.'
    : 'SIMULATOR: this demo runs against a simulated tenant on this machine and changes nothing in Anaplan.',
);
const { second, result } = await runDemo(process.env, (...lines: string[]) => {
  for (const line of lines) console.log(line);
});
process.exitCode = result.outcome === 'succeeded' && second.operations.length === 0 ? 0 : 1;
