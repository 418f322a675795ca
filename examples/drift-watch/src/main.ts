import { runDriftWatch } from './drift-watch.ts';

// For a schedule: exit code 0 no drift, 2 drift (the Markdown report says who changed what), 1 error.
process.exitCode = (await runDriftWatch()).exitCode;
