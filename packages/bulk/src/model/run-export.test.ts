import { isNotFoundError } from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fastWait, ids, startFixture } from '../test-support/fixture.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

describe('runExport', () => {
  it('runs an export and returns its rows as objects and the raw CSV', async () => {
    const result = await fixture.model.runExport('Users export', { wait: fastWait });
    expect(result.exportId).toBe(ids.usersExport);
    expect(result.headers).toEqual(['Email', 'Role', 'Regions Read']);
    expect(result.rows).toEqual(
      expect.arrayContaining([
        { Email: 'admin@example.com', Role: 'Full Access', 'Regions Read': '' },
        { Email: 'bob@example.com', Role: 'Planner', 'Regions Read': 'EMEA' },
      ]),
    );
    expect(result.csv.startsWith('Email,Role,Regions Read')).toBe(true);
    expect(result.details[0]?.type).toBe('exportSucceeded');
  });

  it('keeps quoted cells with line breaks and quotes intact', async () => {
    const { rows } = await fixture.model.runExport(ids.regionsExport, { wait: fastWait });
    expect(rows).toEqual([
      { Region: 'EMEA', Note: 'Europe, Middle East\nand Africa' },
      { Region: 'APAC', Note: 'Asia "Pacific"' },
    ]);
  });

  it('streams the rows of a large export one by one', async () => {
    const rows: Record<string, string>[] = [];
    for await (const row of fixture.model.streamExport('Regions export', { wait: fastWait })) rows.push(row);
    expect(rows.map((row) => row.Region)).toEqual(['EMEA', 'APAC']);
  });

  it('refuses an unknown export before starting anything', async () => {
    const before = fixture.controls.tasks(ids.model).length;
    await expect(fixture.model.runExport('Nope', { wait: fastWait })).rejects.toSatisfy(isNotFoundError);
    expect(fixture.controls.tasks(ids.model)).toHaveLength(before);
  });
});
