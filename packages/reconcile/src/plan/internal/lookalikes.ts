import { remove as replaceConfusables } from 'confusables';
import type { DesiredUser } from '../../desired/desired-state.js';
import type { KeyedUser } from '../../desired/internal/check-desired-users.js';
import { describeRefs, type Finding } from '../../findings.js';
import { codePoint } from '../../internal/code-point.js';
import type { ObservedEntry, ObservedIndex } from './observed-index.js';

const nonAscii = /[\u0080-\u{10ffff}]/u;
const nonAsciiCharacters = /[\u0080-\u{10ffff}]/gu;

/**
 * What an identity key looks like: two logins with the same skeleton but different keys are look-alikes. The key is
 * case-folded fully (`ß` → `ss`, `ﬀ` → `ff`, dotless `ı` → `i`: what the identity key keeps apart on purpose), then
 * decomposed (NFKD: full-width and mathematical letters become plain ones, accents become combining marks), then
 * the `confusables` library drops combining and invisible marks and replaces characters that look like a Latin
 * letter or digit (Cyrillic `а`, Greek `ο`, `ɑ` …) with that letter. An ASCII key is its own skeleton: two ASCII
 * logins are never look-alikes of each other (`j0hn` and `john` are different, common logins), so only logins
 * with at least one character outside ASCII are ever reported.
 */
export function lookalikeSkeleton(key: string): string {
  if (!nonAscii.test(key)) return key;
  let folded = '';
  for (const character of key) folded += character.toUpperCase().toLowerCase();
  return replaceConfusables(folded.normalize('NFKD')).toLowerCase();
}

/**
 * Leaves out every desired user who would be created under a login that looks like another user's: like an
 * existing user's (then that user is marked as accounted for, so nothing deprovisions them on the strength of a
 * look-alike), or like another desired user's who would be created too (then neither is). Each gets a
 * `lookalike-user` error finding naming both logins and the characters outside ASCII. `usable` comes in order of
 * key (as `checkDesiredUsers` hands it over); the users kept come back in the same order.
 */
export function leaveOutLookalikes(
  usable: readonly KeyedUser[],
  observed: ObservedIndex,
  findings: Finding[],
): readonly KeyedUser[] {
  const created = toBeCreated(usable, observed.entries);
  if (created.length === 0) return usable;
  // Only a login outside ASCII can look like a different one: skeletons of the others are their keys.
  const unusualObserved = new Map<string, ObservedEntry[]>();
  for (const entry of observed.entries)
    if (nonAscii.test(entry.key)) addTo(unusualObserved, lookalikeSkeleton(entry.key), entry);
  const createdBySkeleton = new Map<string, KeyedUser[]>();
  for (const each of created) addTo(createdBySkeleton, lookalikeSkeleton(each.key), each);

  const leftOut = new Set<string>();
  for (const [skeleton, users] of createdBySkeleton) {
    const existing = new Set(unusualObserved.get(skeleton));
    if (!nonAscii.test(skeleton)) for (const entry of observed.withKey(skeleton)) existing.add(entry);
    for (const entry of existing) observed.markHandled(entry.key);
    const others = [...existing].map((entry) => entry.user.userName);
    for (const { key, user } of users) {
      const alike = users.filter((other) => other.key !== key).map((other) => other.user.userName);
      if (others.length === 0 && alike.length === 0) continue;
      leftOut.add(key);
      findings.push(lookalikeFinding(user, others, alike));
    }
  }
  return leftOut.size === 0 ? usable : usable.filter(({ key }) => !leftOut.has(key));
}

/** The desired users no observed user has the key of: the ones the plan would create. Both lists are in key order. */
function toBeCreated(usable: readonly KeyedUser[], entries: readonly ObservedEntry[]): KeyedUser[] {
  const created: KeyedUser[] = [];
  let index = 0;
  for (const each of usable) {
    while (index < entries.length && (entries[index] as ObservedEntry).key < each.key) index += 1;
    if (entries[index]?.key !== each.key) created.push(each);
  }
  return created;
}

function lookalikeFinding(user: DesiredUser, existing: string[], created: string[]): Finding {
  const names = [user.userName, ...existing, ...created];
  const unusual = names
    .map((name) => ({ name, characters: [...new Set(name.match(nonAsciiCharacters))] }))
    .filter(({ characters }) => characters.length > 0)
    .map(({ name, characters }) => `${characters.map(codePoint).join(', ')} in ${name}`)
    .join('; ');
  const like = [
    ...existing.map((name) => `${name}, who exists in Anaplan`),
    ...created.map((name) => `${name}, also to be created`),
  ].join(' and ');
  const consequence =
    existing.length > 0
      ? `it is not created, and ${existing.join(' and ')} ${existing.length > 1 ? 'are' : 'is'} not deprovisioned because of it`
      : 'none of them is created';
  return {
    kind: 'lookalike-user',
    severity: 'error',
    message: `${user.userName} looks like ${like} (characters outside ASCII: ${unusual}): ${consequence}. If these really are different people, create the account in Anaplan by hand after checking who it is for; it is managed as usual from then on (${describeRefs(user.refs)})`,
    userName: user.userName,
    field: 'email',
    refs: user.refs,
  };
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
