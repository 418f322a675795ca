import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detailValue,
  type IntegrationHarness,
  ids,
  startIntegrationHarness,
  usersCsv,
} from '../test-support/integration-harness.js';
import { integrationControls } from './controls.js';

let harness: IntegrationHarness;
let files: string;

beforeAll(async () => {
  harness = await startIntegrationHarness({ switches: { uploadRetainBytes: 200 } });
  files = `${harness.modelPath}/files`;
});
afterAll(() => harness.close());

const row = (index: number) => `user${index}@example.com,First,Last,Viewer,false,,,`;

describe('the uploadRetainBytes switch', () => {
  it('keeps the first bytes of a chunked upload, cut at a line break, and drops later chunks', async () => {
    const first = usersCsv(row(1), row(2), row(3)); // the header and three rows: more than 200 bytes
    const second = `${row(4)}\n`;
    expect(Buffer.byteLength(first)).toBeGreaterThan(200);
    await harness.json('admin@example.com', 'POST', `${files}/${ids.usersFile}`, { json: { chunkCount: 2 } });
    for (const [index, text] of [first, second].entries()) {
      const response = await harness.call(
        'admin@example.com',
        'PUT',
        `${files}/${ids.usersFile}/chunks/${index}`,
        {
          body: text,
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
      expect(response.status).toBe(204);
    }
    const kept = integrationControls(harness.sim.state).fileText(
      ids.model,
      ids.usersFile,
      'admin@example.com',
    );
    expect(kept).toBe(first.slice(0, first.lastIndexOf('\n', 199) + 1));
    expect(kept?.length).toBeLessThanOrEqual(200);
    expect(kept).not.toContain('user4@');

    const task = await harness.runTask(
      'admin@example.com',
      `${harness.modelPath}/imports/${ids.usersImport}`,
    );
    const summary = task.result?.details?.find((detail) => detail.type === 'usersRowsProcessed');
    const rowsKept = (kept ?? '').split('\n').filter((line) => line.includes('@')).length;
    expect(detailValue(summary?.values ?? [], 'totalRowCount')).toBe(String(rowsKept));
  });

  it('keeps everything by default', async () => {
    const other = await startIntegrationHarness();
    try {
      const text = usersCsv(row(1), row(2), row(3), row(4));
      await other.call('admin@example.com', 'PUT', `${other.modelPath}/files/${ids.usersFile}`, {
        body: text,
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(
        integrationControls(other.sim.state).fileText(ids.model, ids.usersFile, 'admin@example.com'),
      ).toBe(text);
    } finally {
      await other.close();
    }
  });
});
