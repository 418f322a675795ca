import { userNameKey } from '@anaplan-access/core';
import type { Finding } from '../../findings.js';
import type { ObservedIndex } from './observed-index.js';

/**
 * A warning for each `protectedUsers` entry that matches no user in Anaplan (trimmed and compared by identity key,
 * as the policy protects them): such an entry protects nobody, which usually means a typing mistake that would leave
 * the account it was meant for unprotected.
 */
export function unmatchedProtectedUsers(
  entries: readonly string[] | undefined,
  observed: ObservedIndex,
): Finding[] {
  const findings: Finding[] = [];
  for (const entry of new Set(entries ?? [])) {
    const userName = entry.trim();
    if (observed.withKey(userNameKey(userName)).length > 0) continue;
    findings.push({
      kind: 'protected-user',
      severity: 'warning',
      message: `protectedUsers entry "${entry}" matches no user in Anaplan, so it protects nobody; check its spelling`,
      userName,
      field: 'protectedUsers',
    });
  }
  return findings;
}
