// Tests: test/e2e/drift.e2e.test.ts

import type { AuditEvent } from '@anaplan-access/audit';

/**
 * The audit events that change a user's access or identity, and how each reads. Logins (USR-8/9), session and
 * model-open events change nothing and are not drift.
 */
const describers: Readonly<Record<string, (attributes: Attributes) => string>> = {
  'USR-1': () => 'user created',
  'USR-2': () => 'user activated',
  'USR-3': () => 'user enabled',
  'USR-4': () => 'user disabled',
  'USR-5': () => 'user updated',
  'USR-21': (a) => `added to workspace ${place(a.workspaceName ?? a.workspaceId)}`,
  'USR-22': (a) => `removed from workspace ${place(a.workspaceName ?? a.workspaceId)}`,
  'USR-23': (a) =>
    `model role ${text(a.roleName)} in ${place(a.modelName ?? a.modelId)}${a.previousRoleName === undefined ? '' : ` (was ${text(a.previousRoleName)})`}`,
  'USR-24': (a) => `removed from model ${place(a.modelName ?? a.modelId)}`,
  'USR-25': (a) =>
    `Workspace Administrator ${a.workspaceAdmin === false ? 'unassigned' : a.workspaceAdmin === true ? 'assigned' : 'changed'} in ${place(a.workspaceName ?? a.workspaceId)}`,
  'USR-26': (a) => `e-mail changed${change(a)}`,
  'USR-27': (a) => `first name changed${change(a)}`,
  'USR-28': (a) => `last name changed${change(a)}`,
  'USR-29': () => 'user deleted',
  'USR-50': (a) =>
    `updated by an import into ${place(a.modelName ?? a.modelId)}${a.importName === undefined ? '' : ` (${text(a.importName)})`}`,
  'USR-57': (a) => `SSO exception granted in ${place(a.workspaceName ?? a.workspaceId)}`,
  'USR-58': (a) => `SSO exception revoked in ${place(a.workspaceName ?? a.workspaceId)}`,
};

type Attributes = Readonly<Record<string, unknown>>;

const text = (value: unknown) => (value === undefined || value === null ? '(unknown)' : String(value));
const place = (value: unknown) => `"${text(value)}"`;
const change = (a: Attributes) =>
  a.previousValue === undefined && a.newValue === undefined
    ? ''
    : ` from "${text(a.previousValue)}" to "${text(a.newValue)}"`;

/** What an event says about a user, or `undefined` for an event that is not a change of a user. */
export interface EventChange {
  readonly description: string;
  readonly targetUserId: string | undefined;
  readonly targetUserName: string | undefined;
  readonly workspaceId: string | undefined;
  readonly workspaceName: string | undefined;
  readonly modelId: string | undefined;
  readonly modelName: string | undefined;
  readonly attributes: Attributes;
}

/** Reads the change an audit event records (attributes the API left out stay undefined). */
export function describeEvent(event: AuditEvent): EventChange | undefined {
  const describe = describers[event.eventTypeId];
  if (!describe || event.success === false) return undefined;
  const attributes: Attributes = event.additionalAttributes ?? {};
  const string = (key: string) =>
    typeof attributes[key] === 'string' ? (attributes[key] as string) : undefined;
  return {
    description: describe(attributes),
    targetUserId: string('targetUserId') ?? event.objectId,
    targetUserName: string('targetUserName'),
    workspaceId: string('workspaceId'),
    workspaceName: string('workspaceName'),
    modelId: string('modelId'),
    modelName: string('modelName'),
    attributes,
  };
}
