import { type DesiredUser, isEmail } from '../desired-state.js';
import { describeRefs, type Finding } from '../findings.js';
import { compareText } from './assemble.js';

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
  const keys = users.map((user) => user.userName.toLowerCase());
  let order: readonly number[] | undefined;
  for (let index = 1; order === undefined && index < keys.length; index += 1)
    if ((keys[index - 1] as string) > (keys[index] as string))
      // A stable sort keeps users with the same key in the order the source gave them.
      order = keys
        .map((_key, at) => at)
        .sort((left, right) => compareText(keys[left] as string, keys[right] as string));
  const at = (position: number) => (order ? (order[position] as number) : position);
  const usable: DesiredUser[] = [];
  const findings: Finding[] = [];
  for (let start = 0; start < users.length; ) {
    const key = keys[at(start)] as string;
    let end = start + 1;
    while (end < users.length && keys[at(end)] === key) end += 1;
    const user = users[at(start)] as DesiredUser;
    const same: DesiredUser[] = [];
    if (end - start > 1)
      for (let position = start; position < end; position += 1) same.push(users[at(position)] as DesiredUser);
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
