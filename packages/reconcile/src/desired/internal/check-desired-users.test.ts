import { describe, expect, it } from 'vitest';
import { desiredUser as desiredUserOf } from '../../test-support/states.js';
import type { DesiredUser } from '../desired-state.js';
import { checkDesiredUsers } from './check-desired-users.js';

const bare = { givenName: 'G', familyName: 'F', workspaces: [] };
const desiredUser = (userName: string, row = 2): DesiredUser =>
  desiredUserOf(userName, { ...bare, refs: [{ source: 'code', row }] });
const check = (desired: DesiredUser[]) => checkDesiredUsers(desired);

describe('checkDesiredUsers', () => {
  it('keys users by NFC and case folding: an NFD and an NFC spelling are one user, given twice', () => {
    const { usable, findings } = check([
      desiredUser('jos\u00e9@example.com', 2),
      desiredUser('JOSE\u0301@example.com', 3),
    ]);
    expect(usable).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'duplicate-user', userName: 'jos\u00e9@example.com' }),
    ]);
  });

  it('hands usable users over with their keys, in key order', () => {
    const { usable } = check([
      desiredUser('B@example.com'),
      desiredUser('jose\u0301@example.com'),
      desiredUser('a@example.com'),
    ]);
    expect(usable.map(({ key }) => key)).toEqual(['a@example.com', 'b@example.com', 'jos\u00e9@example.com']);
  });

  it('refuses a userName with an invisible character, naming the login it was meant for', () => {
    const { usable, findings } = check([desiredUser('jane\u200b@example.com')]);
    expect(usable).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'invalid-row',
        severity: 'error',
        userName: 'jane@example.com',
        field: 'email',
        message: expect.stringContaining('jane<U+200B>@example.com'),
      }),
    ]);
  });
});
