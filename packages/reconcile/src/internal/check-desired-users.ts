import { type DesiredUser, isEmail } from '../desired-state.js';
import { describeRefs, type Finding } from '../findings.js';
import { compareText } from './assemble.js';
import { inOrder } from './in-order.js';

/**
 * Checks desired users the way a source checks its rows, for a desired state built in code: a userName that is not
 * an e-mail address, or that appears more than once (compared case-insensitively), is an error finding, and the
 * users concerned are left out of the plan (and, being named, are not deprovisioned either). The usable users come
 * back in order of lower-cased userName, the order the planner matches them with Anaplan's users in one walk
 * (sources hand them over in that order already, so sorting is usually skipped).
 */
export function checkDesiredUsers(users: readonly DesiredUser[]): {
  usable: DesiredUser[];
  findings: Finding[];
} {
  // A stable sort keeps users with the same key in the order the source gave them.
  const keyed = inOrder(
    users.map((user) => ({ key: user.userName.toLowerCase(), user })),
    (left, right) => compareText(left.key, right.key),
  );
  const usable: DesiredUser[] = [];
  const findings: Finding[] = [];
  for (let start = 0; start < keyed.length; ) {
    const { key, user } = keyed[start] as (typeof keyed)[number];
    let end = start + 1;
    while (end < keyed.length && keyed[end]?.key === key) end += 1;
    const same = end - start > 1 ? keyed.slice(start, end).map((each) => each.user) : [];
    start = end;
    const refs = same.length > 1 ? same.flatMap((each) => each.refs) : user.refs;
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
