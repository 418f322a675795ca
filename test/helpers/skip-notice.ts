/**
 * Says in the default test output why `what` is skipped: vitest's default reporter prints neither the title of a
 * skipped suite nor that of a skipped test, only what the test file writes to standard output.
 */
export function printSkip(what: string, reason: string): void {
  console.log(`${what}: skipped, ${reason}`);
}
