import { type DesiredUser, isEmail } from '../desired-state.js';
import { describeRefs, type Finding } from '../findings.js';

/**
 * Checks desired users the way a source checks its rows, for a desired state built in code: a userName that is not
 * an e-mail address, or that appears more than once (compared case-insensitively), is an error finding, and the
 * users concerned are left out of the plan (and, being named, are not deprovisioned either).
 */
export function checkDesiredUsers(users: readonly DesiredUser[]): {
  usable: DesiredUser[];
  findings: Finding[];
} {
  const byKey = new Map<string, DesiredUser[]>();
  for (const user of users) {
    const key = user.userName.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), user]);
  }
  const usable: DesiredUser[] = [];
  const findings: Finding[] = [];
  for (const [key, same] of byKey) {
    const first = same[0] as DesiredUser;
    const refs = same.flatMap((user) => user.refs);
    if (!isEmail(first.userName)) {
      findings.push({
        kind: 'invalid-row',
        severity: 'error',
        message: `"${first.userName}" is not an e-mail address${refs.length ? ` (${describeRefs(refs)})` : ''}`,
        userName: first.userName,
        field: 'email',
        refs,
      });
    } else if (same.length > 1) {
      findings.push({
        kind: 'duplicate-user',
        severity: 'error',
        message: `${same.map((user) => `"${user.userName}"`).join(' and ')} are the same user (e-mails compare case-insensitively)${refs.length ? ` in ${describeRefs(refs)}` : ''}`,
        userName: key,
        field: 'email',
        refs,
      });
    } else usable.push(first);
  }
  return { usable, findings };
}
