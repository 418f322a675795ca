import { filter } from '../filter.js';
import type { ScimUser } from '../schemas/user.js';
import type { ScimUsers } from '../users.js';
import type { CallOptions, ScimUsersContext } from '../users-options.js';

/** See `ScimUsers.findByUserName`. */
export async function findUserByName(
  users: Pick<ScimUsers, 'list'>,
  context: ScimUsersContext,
  userName: string,
  options: CallOptions & { fallback?: 'scan' | 'none' },
): Promise<ScimUser | undefined> {
  const wanted = userName.toLowerCase();
  const pick = (candidates: readonly ScimUser[]): ScimUser | undefined =>
    candidates.find((user) => user.userName === userName) ??
    candidates.find((user) => user.userName.toLowerCase() === wanted);
  const byFilter = async (value: string): Promise<ScimUser | undefined> => {
    const page = await users.list({
      filter: filter.eq('userName', value),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return pick(page.resources);
  };
  const found = await byFilter(userName);
  const fallback = options.fallback ?? (context.anaplan ? 'none' : 'scan');
  if (found !== undefined || fallback === 'none') return found;
  if (wanted !== userName) {
    const lowerCased = await byFilter(wanted);
    if (lowerCased !== undefined) return lowerCased;
  }
  context.logger.debug(
    { userName },
    'userName filter found nothing; scanning every user to compare ignoring case',
  );
  for await (const user of users.list(options.signal ? { signal: options.signal } : {})) {
    if (user.userName.toLowerCase() === wanted) return user;
  }
  return undefined;
}
