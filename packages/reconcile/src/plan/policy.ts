import { ConfigurationError, userNameKey } from '@anaplan-access/core';
import { z } from 'zod';
import type { RecordedPolicy } from './plan-types.js';

/**
 * Rules a plan follows. Every field is optional; the defaults are the safe choice.
 *
 * @example
 * ```ts
 * const policy: PlanPolicy = {
 *   protectedUsers: ['break-glass@example.com'],
 *   deprovision: 'deactivate',
 *   deletionGuard: { maxCount: 25, maxPercent: 10 },
 * };
 * ```
 */
export interface PlanPolicy {
  /**
   * Narrows which users the plan may touch, beyond the target's managed workspaces. Return `false` to leave a user
   * alone. Called with the userName and, when the user exists, the observed externalId. It must return a boolean,
   * synchronously: anything else (a Promise, a string) is a `ConfigurationError` naming `policy.scope` and the user.
   * @default every user in the managed workspaces
   */
  scope?: ((user: { userName: string; externalId?: string | undefined }) => boolean) | undefined;
  /**
   * userNames never changed (break-glass accounts). The integration account is always protected. Entries are
   * trimmed and compared as userNames are (`userNameKey`: ignoring case and Unicode normalization); an entry that
   * matches no user in Anaplan is reported as a warning finding, since it protects nobody. @default []
   */
  protectedUsers?: string[] | undefined;
  /** Whether Workspace Administrators may be changed. @default false (they are protected) */
  manageWorkspaceAdministrators?: boolean | undefined;
  /**
   * The Workspace Administrators, for workspaces whose administrators the target cannot read (the integration
   * account lacks the User Admin role, or `readWorkspaceAdministrators: false`). They are protected like
   * administrators read from Anaplan. Without this list, nothing is taken away from anyone in such a workspace
   * (any of them could be an administrator): the plan says so in an `administrators-unknown` finding.
   * @default none
   */
  workspaceAdministrators?: string[] | undefined;
  /**
   * What happens to a user in scope that the source no longer lists: revoke their model access and managed
   * workspaces, then deactivate them when no workspace is left (`deactivate`), or only revoke (`revoke-only`).
   * @default 'deactivate'
   */
  deprovision?: 'deactivate' | 'revoke-only' | undefined;
  /**
   * The deletion guard. It counts every removal of access — deactivations, workspace and model revocations, and
   * each selective-access item a `model.access.set` takes away — and blocks a plan whose count passes `maxCount`,
   * or passes `maxPercent` of the access that exists in scope. A source that no longer lists more than `maxPercent`
   * of the users in scope is blocked too (`source-shrank`, see `allowEmptySource`).
   * - `countDowngrades`: also count role changes, write → read demotions and removed Workspace Administrator flags
   *   (the engine cannot tell which role grants less, so every change of an existing role counts).
   *   @default false
   * - `window`: the cumulative guard, e.g. `{ hours: 24 }`: the removals already applied in the last `hours`
   *   (read from the audit log given to `plan`) count against `maxCount` together with the plan's own. `apply`
   *   counts again from its audit sink. @default none (each plan on its own)
   * @default { maxCount: 25, maxPercent: 10, countDowngrades: false }
   */
  deletionGuard?:
    | {
        maxCount?: number | undefined;
        maxPercent?: number | undefined;
        countDowngrades?: boolean | undefined;
        window?: { hours: number } | undefined;
      }
    | undefined;
  /**
   * Lets a plan over the deletion guard's limits (`guard`) through. It does not lift `empty-source`,
   * `source-shrank` or `source-error`. @default false
   */
  allowDestructive?: boolean | undefined;
  /**
   * Confirms that the source really lists no one (`empty-source`) or far fewer of the users in scope than Anaplan
   * has (`source-shrank`, more than `deletionGuard.maxPercent` of them unlisted), and lets such a plan through.
   * The removals it plans still pass the deletion guard (`allowDestructive`). @default false
   */
  allowEmptySource?: boolean | undefined;
  /**
   * Dormant users: an active user in scope who has not logged in for `afterDays` (judged by their creation date when
   * they never logged in) is deactivated (`action: 'deactivate'`) or loses their model access (`'revoke-models'`),
   * even when the source lists them, with a reason that names the last login. Users in `exclude` (userNames) and
   * protected users are left alone; the deletion guard counts these removals like any other. A user within
   * `noticeDays` of the threshold is listed in the plan's notes and not changed. Needs last logins: `plan` asks the
   * target for them (`observe({ lastLogins: true })`); when they cannot be read, nothing is changed for inactivity
   * and a warning finding says why. @default no inactivity rule
   */
  inactivity?: InactivityPolicy | undefined;
  /** Whether to update first and last names in Anaplan to match the source. @default true */
  updateNames?: boolean | undefined;
  /**
   * SSO exception users (who may sign in with a password although the workspace enforces SSO), for the SSO
   * workspaces the target observes (`anaplanTarget`'s `ssoExceptions`): "SSO everywhere except these accounts".
   * `everywhere` are exception users in each of those workspaces they belong to; `workspaces` adds per workspace
   * (id or name). Every other exception user in scope is unassigned — never a protected user (a break-glass account
   * keeps its exception), never where the exception users could not be read. Entries are userNames, compared as
   * userNames are. @default SSO exceptions are not managed
   */
  ssoExceptions?:
    | { everywhere?: string[] | undefined; workspaces?: Record<string, string[]> | undefined }
    | undefined;
}

/**
 * The dormant-user rule of a {@link PlanPolicy}.
 *
 * @example
 * ```ts
 * const inactivity: InactivityPolicy = { afterDays: 90, action: 'revoke-models', exclude: ['cfo@example.com'], noticeDays: 14 };
 * ```
 */
export interface InactivityPolicy {
  /** Days without a login after which a user is dormant. */
  afterDays: number;
  /** What happens to a dormant user. @default 'deactivate' */
  action?: 'deactivate' | 'revoke-models' | undefined;
  /** userNames never judged dormant ("very occasional" users). @default [] */
  exclude?: string[] | undefined;
  /** Days before `afterDays` from which a user is listed in the plan's notes instead. @default 0 */
  noticeDays?: number | undefined;
}

export const PlanPolicySchema = z.strictObject({
  scope: z
    .custom<PlanPolicy['scope']>((value) => value === undefined || typeof value === 'function')
    .optional(),
  protectedUsers: z.array(z.string()).optional(),
  manageWorkspaceAdministrators: z.boolean().optional(),
  workspaceAdministrators: z.array(z.string()).optional(),
  deprovision: z.enum(['deactivate', 'revoke-only']).optional(),
  deletionGuard: z
    .strictObject({
      maxCount: z.number().int().nonnegative().optional(),
      maxPercent: z.number().min(0).max(100).optional(),
      countDowngrades: z.boolean().optional(),
      window: z
        .strictObject({
          hours: z
            .number()
            .positive()
            .max(24 * 366),
        })
        .optional(),
    })
    .optional(),
  allowDestructive: z.boolean().optional(),
  allowEmptySource: z.boolean().optional(),
  inactivity: z
    .strictObject({
      afterDays: z.number().int().positive(),
      action: z.enum(['deactivate', 'revoke-models']).optional(),
      exclude: z.array(z.string()).optional(),
      noticeDays: z.number().int().nonnegative().optional(),
    })
    .optional(),
  updateNames: z.boolean().optional(),
  ssoExceptions: z
    .strictObject({
      everywhere: z.array(z.string()).optional(),
      workspaces: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
});

/** The policy with its defaults filled in. */
export interface ResolvedPolicy {
  scope: (user: { userName: string; externalId?: string | undefined }) => boolean;
  /** Identity keys (`userNameKey`) of the trimmed `protectedUsers` entries. */
  protectedUsers: Set<string>;
  manageWorkspaceAdministrators: boolean;
  /** Identity keys of the `workspaceAdministrators` entries, when given. */
  workspaceAdministrators: Set<string> | undefined;
  deprovision: 'deactivate' | 'revoke-only';
  maxCount: number;
  maxPercent: number;
  countDowngrades: boolean;
  /** The cumulative guard's window, in hours. */
  windowHours: number | undefined;
  allowDestructive: boolean;
  allowEmptySource: boolean;
  updateNames: boolean;
  /** The inactivity rule, with `exclude` as identity keys. */
  inactivity:
    | { afterDays: number; action: 'deactivate' | 'revoke-models'; exclude: Set<string>; noticeDays: number }
    | undefined;
  /** Whether `scope` was given (recorded in the plan). */
  customScope: boolean;
  /** Identity keys of the SSO exception users: everywhere, and per workspace id or name; undefined: not managed. */
  ssoExceptions: { everywhere: Set<string>; workspaces: Map<string, Set<string>> } | undefined;
}

/**
 * Validates a policy: unknown keys and invalid values are a `ConfigurationError` naming the field
 * (`policy.deletionGuard.maxPercent`).
 */
export function validatePolicy(policy: unknown): asserts policy is PlanPolicy {
  const checked = PlanPolicySchema.safeParse(policy ?? {});
  if (checked.success) return;
  const issue = checked.error.issues[0];
  const path = ['policy', ...(issue?.path ?? []).map(String)];
  if (issue?.code === 'unrecognized_keys') path.push(...issue.keys);
  const key = path.join('.');
  throw new ConfigurationError(key, `plan: ${key}: ${issue?.message ?? 'invalid'}`);
}

/** The scope function, checked: a non-boolean answer is a configuration error, never read as "in scope". */
function checkedScope(scope: NonNullable<PlanPolicy['scope']>): ResolvedPolicy['scope'] {
  return (user) => {
    const answer: unknown = scope(user);
    if (typeof answer === 'boolean') return answer;
    const what =
      answer instanceof Promise || typeof (answer as { then?: unknown } | null)?.then === 'function'
        ? 'a Promise (scope must be synchronous)'
        : `${typeof answer} ${JSON.stringify(answer) ?? String(answer)}`;
    throw new ConfigurationError(
      'policy.scope',
      `plan: policy.scope must return true or false; it returned ${what} for user ${user.userName}`,
    );
  };
}

export function resolvePolicy(policy: PlanPolicy = {}): ResolvedPolicy {
  return {
    scope: policy.scope ? checkedScope(policy.scope) : () => true,
    protectedUsers: userNameKeys(policy.protectedUsers ?? []),
    manageWorkspaceAdministrators: policy.manageWorkspaceAdministrators ?? false,
    workspaceAdministrators: policy.workspaceAdministrators && userNameKeys(policy.workspaceAdministrators),
    deprovision: policy.deprovision ?? 'deactivate',
    maxCount: policy.deletionGuard?.maxCount ?? 25,
    maxPercent: policy.deletionGuard?.maxPercent ?? 10,
    countDowngrades: policy.deletionGuard?.countDowngrades ?? false,
    windowHours: policy.deletionGuard?.window?.hours,
    allowDestructive: policy.allowDestructive ?? false,
    allowEmptySource: policy.allowEmptySource ?? false,
    updateNames: policy.updateNames ?? true,
    inactivity: policy.inactivity && {
      afterDays: policy.inactivity.afterDays,
      action: policy.inactivity.action ?? 'deactivate',
      exclude: userNameKeys(policy.inactivity.exclude ?? []),
      noticeDays: policy.inactivity.noticeDays ?? 0,
    },
    customScope: policy.scope !== undefined,
    ssoExceptions: policy.ssoExceptions && {
      everywhere: userNameKeys(policy.ssoExceptions.everywhere ?? []),
      workspaces: new Map(
        Object.entries(policy.ssoExceptions.workspaces ?? {}).map(([workspace, users]) => [
          workspace,
          userNameKeys(users),
        ]),
      ),
    },
  };
}

/** Identity keys (`userNameKey`) of trimmed userNames. */
function userNameKeys(userNames: readonly string[]): Set<string> {
  return new Set(userNames.map((userName) => userNameKey(userName.trim())));
}

/** The serializable part of a resolved policy, as a plan records it. */
export function recordPolicy(policy: ResolvedPolicy): RecordedPolicy {
  return {
    scope: policy.customScope ? 'custom' : 'all',
    manageWorkspaceAdministrators: policy.manageWorkspaceAdministrators,
    deprovision: policy.deprovision,
    deletionGuard: {
      maxCount: policy.maxCount,
      maxPercent: policy.maxPercent,
      countDowngrades: policy.countDowngrades,
      ...(policy.windowHours !== undefined ? { window: { hours: policy.windowHours } } : {}),
    },
    allowDestructive: policy.allowDestructive,
    allowEmptySource: policy.allowEmptySource,
    updateNames: policy.updateNames,
    ...(policy.inactivity
      ? {
          inactivity: {
            afterDays: policy.inactivity.afterDays,
            action: policy.inactivity.action,
            noticeDays: policy.inactivity.noticeDays,
            excluded: policy.inactivity.exclude.size,
          },
        }
      : {}),
  };
}
