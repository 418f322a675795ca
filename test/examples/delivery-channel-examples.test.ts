// The two delivery-channel examples, run in-process against the simulator: cloudworks-channel (Azurite, started by
// the example itself) and anaplan-connect-bundle (its run.sh run against the tests' stand-in AnaplanClient.sh).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConnectBundleExample } from '../../examples/anaplan-connect-bundle/src/connect-bundle-example.ts';
import { runCloudWorksChannel } from '../../examples/cloudworks-channel/src/cloudworks-channel.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function recorder() {
  const lines: string[] = [];
  return { lines, print: (...text: string[]) => lines.push(...text) };
}

describe('delivery-channel examples, run in-process against the simulator', () => {
  it('cloudworks-channel: the CSV access applied through CloudWorks runs with Azurite, and converged', async () => {
    const output = recorder();
    const outcome = await runCloudWorksChannel({}, output.print);
    const text = output.lines.join('\n');
    expect(
      outcome.first.operations.some((operation) => operation.kind === 'model.access.set'),
      text,
    ).toBe(true);
    expect(outcome.result?.outcome, text).toBe('succeeded');
    expect(outcome.second?.operations, text).toEqual([]);
    expect(outcome.runs.length, text).toBe(2);
    for (const integration of outcome.runs) expect(integration.runs[0]?.success, text).toBe(true);
    expect(text).toContain('CloudWorks connection anaplan-access: created.');
  });

  it('cloudworks-channel: against a real tenant, names the storage variables it lacks', async () => {
    const error = await runCloudWorksChannel(
      { ANAPLAN_USERNAME: 'someone@example.com', ANAPLAN_PASSWORD: 'x' },
      recorder().print,
    ).catch((caught: unknown) => caught);
    expect(String(error)).toContain('AZURE_STORAGE_SAS');
  });

  it('anaplan-connect-bundle: SCIM first, then the bundle through (a stand-in for) Anaplan Connect, and converged', async () => {
    const output = recorder();
    const outcome = await runConnectBundleExample(
      {
        ANAPLAN_CONNECT: join(root, 'test/connect/AnaplanClient.sh'),
        STAND_IN_NODE: join(root, 'node_modules/.bin/node'),
      },
      output.print,
    );
    const text = output.lines.join('\n');
    expect(
      outcome.scim?.results.every((result) => result.status !== 'failed'),
      text,
    ).toBe(true);
    expect(outcome.bundle?.models.length, text).toBeGreaterThan(0);
    expect(readFileSync(join(outcome.bundle?.dir ?? '', 'README.md'), 'utf8')).toContain("only: 'scim'");
    expect(outcome.exitCode, text).toBe(0);
    expect(outcome.second?.operations, text).toEqual([]);
  });

  it('anaplan-connect-bundle: without ANAPLAN_CONNECT, writes the bundle and says how to run it', async () => {
    const output = recorder();
    const outcome = await runConnectBundleExample({}, output.print);
    expect(outcome.exitCode).toBeUndefined();
    expect(output.lines.join('\n')).toMatch(/Next: ANAPLAN_CONNECT=.* .*run\.sh/);
  });
});
