import { userNameKey } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import type { ObservedUser } from '../../target/observed-state.js';
import { observedUser as observedUserOf } from '../../test-support/states.js';
import { resolvePolicy } from '../policy.js';
import { ObservedIndex } from './observed-index.js';
import { unmatchedProtectedUsers } from './protected-users.js';

const observedUser = (userName: string): ObservedUser =>
  observedUserOf(userName, { givenName: 'G', familyName: 'F', workspaces: [] });

describe('protectedUsers', () => {
  it('are trimmed and keyed as userNames are', () => {
    const { protectedUsers } = resolvePolicy({
      protectedUsers: [' Break-Glass@Example.com\t', 'jose\u0301@example.com'],
    });
    expect([...protectedUsers]).toEqual(['break-glass@example.com', userNameKey('jos\u00e9@example.com')]);
  });

  it('warn about an entry that matches no user in Anaplan, and only about that one', () => {
    const index = new ObservedIndex(
      [observedUser('break-glass@example.com'), observedUser('jos\u00e9@example.com')],
      [],
    );
    const findings = unmatchedProtectedUsers(
      ['break-glass@example.com ', 'JOSE\u0301@example.com', 'break-glas@example.com'],
      index,
    );
    expect(findings).toEqual([
      {
        kind: 'protected-user',
        severity: 'warning',
        message:
          'protectedUsers entry "break-glas@example.com" matches no user in Anaplan, so it protects nobody; check its spelling',
        userName: 'break-glas@example.com',
        field: 'protectedUsers',
      },
    ]);
  });
});
