// Tests: ../scim-client.test.ts, test/trust/identity.test.ts

import { userNameKey } from '@anaplan-access/core';
import { filter } from '../filter.js';
import type { ScimUser } from '../schemas/user.js';
import { listUsers } from './list-users.js';
import type { ScimUsersContext } from './users-context.js';

/** See `ScimUsersResource.findByUserName`. */
export async function findUserByName(
  context: ScimUsersContext,
  userName: string,
  options: { signal: AbortSignal | undefined; fallback?: 'scan' | 'none' | undefined },
): Promise<ScimUser | undefined> {
  const { signal } = options;
  // Compared as people compare logins: ignoring case and Unicode normalization (NFC and NFD are one login).
  const wanted = userNameKey(userName);
  const pick = (candidates: readonly ScimUser[]): ScimUser | undefined =>
    candidates.find((user) => user.userName === userName) ??
    candidates.find((user) => userNameKey(user.userName) === wanted);
  const byFilter = async (value: string): Promise<ScimUser | undefined> => {
    const page = await listUsers(context, { filter: filter.eq('userName', value), signal });
    return pick(page.items);
  };
  const found = await byFilter(userName);
  if (found !== undefined) return found;
  // A server that does not normalize is asked for the composed form too, the form logins are usually stored in.
  const composed = userName.normalize('NFC');
  if (composed !== userName) {
    const byComposed = await byFilter(composed);
    if (byComposed !== undefined) return byComposed;
  }
  const fallback = options.fallback ?? (context.anaplan ? 'none' : 'scan');
  if (fallback === 'none') return undefined;
  if (wanted !== userName && wanted !== composed) {
    const byKey = await byFilter(wanted);
    if (byKey !== undefined) return byKey;
  }
  context.logger.debug(
    { userName },
    'userName filter found nothing; scanning every user to compare ignoring case and Unicode normalization',
  );
  for await (const user of listUsers(context, { signal })) {
    if (userNameKey(user.userName) === wanted) return user;
  }
  return undefined;
}
