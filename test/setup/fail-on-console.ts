import { afterEach, vi } from 'vitest';

// A test that prints through console.warn/console.error without asserting on it hides a problem: fail it.
const methods = ['warn', 'error'] as const;
let calls: string[] = [];

for (const method of methods) {
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    calls.push(`console.${method}: ${args.map(String).join(' ')}`);
  });
}

afterEach(() => {
  const seen = calls;
  calls = [];
  if (seen.length > 0) throw new Error(`Unexpected console output:\n${seen.join('\n')}`);
});
