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
  // Most states have no duplicate: the users sharing a key are gathered only when there is one.
  const first = new Map<string, DesiredUser>();
  let duplicates: Map<string, DesiredUser[]> | undefined;
  for (const user of users) {
    const key = user.userName.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, user);
    else {
      duplicates ??= new Map();
      duplicates.set(key, [...(duplicates.get(key) ?? [earlier]), user]);
    }
  }
  const usable: DesiredUser[] = [];
  const findings: Finding[] = [];
  for (const [key, user] of first) {
    const same = duplicates?.get(key) ?? [user];
    const refs = same.length === 1 ? user.refs : same.flatMap((each) => each.refs);
    if (!isEmail(user.userName)) {
      findings.push({
        kind: 'invalid-row',
        severity: 'error',
        message: `"${user.userName}" is not an e-mail address${refs.length ? ` (${describeRefs(refs)})` : ''}`,
        userName: user.userName,
        field: 'email',
        refs,
      });
    } else if (same.length > 1) {
      findings.push({
        kind: 'duplicate-user',
        severity: 'error',
        message: `${same.map((each) => `"${each.userName}"`).join(' and ')} are the same user (e-mails compare case-insensitively)${refs.length ? ` in ${describeRefs(refs)}` : ''}`,
        userName: key,
        field: 'email',
        refs,
      });
    } else usable.push(user);
  }
  return { usable, findings };
}
