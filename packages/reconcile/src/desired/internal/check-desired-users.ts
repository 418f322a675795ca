import { userNameKey } from '@anaplan-access/core';
import { describeRefs, type Finding } from '../../findings.js';
import { compareText } from '../../internal/compare-text.js';
import { inOrder } from '../../internal/in-order.js';
import type { DesiredUser } from '../desired-state.js';
import { describeEmailProblem, visibleEmail } from '../email-address.js';

/** A desired user with their identity key. */
export interface KeyedUser {
  key: string;
  user: DesiredUser;
}

/**
 * Checks desired users the way a source checks its rows, for a desired state built in code: a userName that is not
 * an e-mail address (invisible and control characters included) or that appears more than once (compared by
 * identity key: ignoring case and Unicode normalization) is an error finding, and the users concerned are left out
 * of the plan (and, being named, are not deprovisioned either). The usable users come back with their keys, in
 * order of key, the order the planner matches them with Anaplan's users in one walk (sources hand them over in that
 * order already, so sorting is usually skipped). The planner then leaves out look-alikes of Anaplan's users (see
 * `leaveOutLookalikes`).
 */
export function checkDesiredUsers(users: readonly DesiredUser[]): {
  usable: readonly KeyedUser[];
  findings: Finding[];
} {
  // A stable sort keeps users with the same key in the order the source gave them.
  const keyed = inOrder(
    users.map((user) => ({ key: userNameKey(user.userName), user })),
    (left, right) => compareText(left.key, right.key),
  );
  const usable: KeyedUser[] = [];
  const findings: Finding[] = [];
  for (let start = 0; start < keyed.length; ) {
    const { key, user } = keyed[start] as KeyedUser;
    let end = start + 1;
    while (end < keyed.length && keyed[end]?.key === key) end += 1;
    const same = end - start > 1 ? keyed.slice(start, end).map((each) => each.user) : [];
    start = end;
    const refs = same.length > 1 ? same.flatMap((each) => each.refs) : user.refs;
    const problem = describeEmailProblem(user.userName);
    if (problem !== undefined) {
      findings.push({
        kind: 'invalid-row',
        severity: 'error',
        message: `${problem}${refs.length ? ` (${describeRefs(refs)})` : ''}`,
        // The login it was meant for, so that its account is not read as gone from the source.
        userName: visibleEmail(user.userName),
        field: 'email',
        refs,
      });
    } else if (same.length > 1) {
      findings.push({
        kind: 'duplicate-user',
        severity: 'error',
        message: `${same.map((each) => `"${each.userName}"`).join(' and ')} are the same user (e-mails compare ignoring case and Unicode normalization)${refs.length ? ` in ${describeRefs(refs)}` : ''}`,
        userName: key,
        field: 'email',
        refs,
      });
    } else usable.push({ key, user });
  }
  return { usable, findings };
}
