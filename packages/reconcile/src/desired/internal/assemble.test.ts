import { describe, expect, it } from 'vitest';
import { accessRowColumns } from '../access-row.js';
import type { SourceRef } from '../source-ref.js';
import { assembleDesiredState, type RawRow } from './assemble.js';

/** A raw row stating every column (unstated ones as `undefined`), as the sources hand them over. */
function row(line: number, values: Record<string, unknown>): RawRow {
  const all = Object.fromEntries(accessRowColumns.map((column) => [column, undefined]));
  return { values: { ...all, ...values }, ref: { source: 'test.csv', row: line } };
}

const ref = (line: number): SourceRef => ({ source: 'test.csv', row: line });
const ada = { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' };

describe('assembleDesiredState', () => {
  it('merges the rows of a user, trims and normalizes values, and sorts users and lists', () => {
    const state = assembleDesiredState('csv:test.csv', [
      row(3, { email: 'zed@example.com', first_name: 'Zed', last_name: 'Z', active: 'no' }),
      row(2, { ...ada, external_id: 42, workspace: ' WS2 ' }),
      row(4, {
        email: 'ada@example.com',
        workspace: 'WS1',
        model: 'M',
        role: 'Planner',
        sso: 1,
        workspace_admin: 'Y',
      }),
      row(5, { email: 'ada@example.com', model: 'M', list: 'L', item: 'b', access: 'Write' }),
      row(6, { email: 'ada@example.com', model: 'M', list: 'L', item: 'a', access: 'write' }),
      row(7, { email: 'ada@example.com', model: 'M', list: 'L', item: 'c', access: 'READ' }),
      row(8, { email: 'ada@example.com', workspace: 'WS1' }),
    ]);
    expect(state.findings).toEqual([]);
    expect(state.users).toEqual([
      {
        userName: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
        active: true,
        externalId: '42',
        workspaces: ['WS1', 'WS2'],
        models: {
          M: {
            role: 'Planner',
            sso: true,
            workspaceAdmin: true,
            selectiveAccess: { L: { read: ['c'], write: ['a', 'b'] } },
          },
        },
        refs: [2, 4, 5, 6, 7, 8].map(ref),
      },
      {
        userName: 'zed@example.com',
        givenName: 'Zed',
        familyName: 'Z',
        active: false,
        externalId: undefined,
        workspaces: [],
        models: {},
        refs: [ref(3)],
      },
    ]);
  });

  it('reports two spellings of one e-mail as a duplicate user and leaves it out', () => {
    const state = assembleDesiredState('s', [row(2, ada), row(3, { ...ada, email: 'Ada@Example.COM' })]);
    expect(state.users).toEqual([]);
    expect(state.findings).toEqual([
      {
        kind: 'duplicate-user',
        severity: 'error',
        message:
          '"ada@example.com" and "Ada@Example.COM" are the same user (e-mails compare ignoring case and Unicode normalization) in test.csv row 2, test.csv row 3',
        userName: 'ada@example.com',
        field: 'email',
        refs: [ref(2), ref(3)],
      },
    ]);
  });

  it('reports conflicting rows and leaves the user out', () => {
    const state = assembleDesiredState('s', [
      row(2, ada),
      row(3, { ...ada, first_name: 'Augusta' }),
      row(4, { email: 'ada@example.com', model: 'M', role: 'Planner' }),
      row(5, { email: 'ada@example.com', model: 'M', list: 'L', item: 'x', access: 'read' }),
      row(6, { email: 'ada@example.com', model: 'M', list: 'L', item: 'x', access: 'write' }),
      row(7, { email: 'bob@example.com', first_name: 'Bob', last_name: 'B' }),
    ]);
    expect(state.users.map((user) => user.userName)).toEqual(['bob@example.com']);
    expect(state.findings).toEqual([
      {
        kind: 'conflicting-rows',
        severity: 'error',
        message: 'ada@example.com: first_name is "Ada" in test.csv row 2 but "Augusta" in test.csv row 3',
        userName: 'ada@example.com',
        field: 'first_name',
        refs: [ref(2), ref(3)],
      },
      {
        kind: 'conflicting-rows',
        severity: 'error',
        message:
          'ada@example.com: models.M.selectiveAccess.L.x is "read" in test.csv row 5 but "write" in test.csv row 6',
        userName: 'ada@example.com',
        field: 'models.M.selectiveAccess.L.x',
        refs: [ref(5), ref(6)],
      },
    ]);
  });

  it('reports missing names and a model without a role', () => {
    const state = assembleDesiredState('s', [
      row(2, { email: 'ada@example.com', first_name: 'Ada' }),
      row(3, { ...ada, email: 'bob@example.com' }),
      row(4, { email: 'bob@example.com', model: 'M', sso: true }),
    ]);
    expect(state.users).toEqual([]);
    expect(state.findings).toMatchObject([
      { kind: 'missing-user-details', userName: 'ada@example.com', field: 'last_name', refs: [ref(2)] },
      { kind: 'invalid-row', userName: 'bob@example.com', field: 'models.M.role', refs: [ref(3), ref(4)] },
    ]);
    expect(state.findings[0]?.message).toBe('ada@example.com: no last_name in test.csv row 2');
  });

  it('reports each invalid row once, leaves its user out, and adds no findings about what the row would have said', () => {
    const state = assembleDesiredState('s', [
      row(2, { ...ada, sso: 'maybe', model: 'M', role: 'Planner' }),
      row(3, { email: 'ada@example.com', workspace: 'WS' }),
      row(4, { email: 'not-an-email', first_name: 'X', last_name: 'Y' }),
      row(5, { email: '', first_name: 'X' }),
      row(6, { email: 'cy@example.com', first_name: 'Cy', last_name: 'C', list: 'L' }),
    ]);
    expect(state.users).toEqual([]);
    expect(
      state.findings.map((finding) => [finding.kind, finding.userName, finding.field, finding.refs]),
    ).toEqual([
      ['invalid-row', 'ada@example.com', 'sso', [ref(2)]],
      ['invalid-row', 'not-an-email', 'email', [ref(4)]],
      ['invalid-row', undefined, 'email', [ref(5)]],
      ['invalid-row', 'cy@example.com', 'list', [ref(6)]],
    ]);
    expect(state.findings[1]?.message).toBe('test.csv row 4: email: "not-an-email" is not an e-mail address');
    expect(state.findings.every((finding) => (finding.refs?.length ?? 0) > 0)).toBe(true);
  });

  it('reports unknown columns on a row', () => {
    const state = assembleDesiredState('s', [
      { values: { ...row(2, ada).values, colour: 'blue' }, ref: ref(2) },
    ]);
    expect(state.findings).toMatchObject([{ kind: 'invalid-row', field: 'colour', refs: [ref(2)] }]);
  });
});
