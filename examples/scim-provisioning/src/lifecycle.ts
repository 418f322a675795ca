import { filter, type ScimUser, workspaceEntitlements, workspaceIdsOf } from '@anaplan-access/scim';
import { demoTenant } from '@anaplan-access/testkit';
import { connectScim } from './scim-connection.ts';

/** The user after each step of the lifecycle. */
export interface LifecycleOutcome {
  joined: ScimUser;
  moved: ScimUser;
  left: ScimUser;
}

/**
 * Joiner, mover and leaver through SCIM only (users and workspace membership; model roles need a USERS import):
 *
 * 1. joiner: create the user with their first workspace, or find them if they exist (never two users);
 * 2. mover: change their workspaces to the new department's, granting first, then revoking;
 * 3. leaver: remove every workspace and deactivate (Anaplan has no DELETE).
 *
 * Against a real tenant set `ANAPLAN_SCIM_USER` (a test user's e-mail), `ANAPLAN_JOIN_WORKSPACE_ID` and
 * `ANAPLAN_MOVE_WORKSPACE_ID` besides the credentials: the example changes that user.
 */
export async function runScimLifecycle(
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<LifecycleOutcome> {
  // The simulated tenant is the testkit's demo company: its integration account is a User Admin, and its two
  // workspaces are Finance and Sales.
  const demo = demoTenant();
  const [finance, sales] = demo.workspaces;
  const connection = await connectScim(env, demo);
  const userName = env.ANAPLAN_SCIM_USER ?? 'nadia.haddad@example.com';
  const joinWorkspace = env.ANAPLAN_JOIN_WORKSPACE_ID ?? finance;
  const moveWorkspace = env.ANAPLAN_MOVE_WORKSPACE_ID ?? sales;
  const { scim } = connection;
  try {
    print(`Connected to the ${connection.description}.`);
    if (!connection.simulator && !env.ANAPLAN_SCIM_USER)
      throw new Error('Set ANAPLAN_SCIM_USER to the e-mail of a test user this example may change.');

    // Joiner: ensure() looks the user up first and reads back after an unclear failure, so it never creates twice.
    const { user: created, created: isNew } = await scim.users.ensure({
      userName,
      name: { givenName: 'Nadia', familyName: 'Haddad' },
      externalId: 'HR-4711',
      active: true,
      entitlements: workspaceEntitlements([joinWorkspace]),
    });
    if (!created.active) await scim.users.activate(created.id);
    const joined = (await scim.users.grantWorkspaces(created.id, [joinWorkspace])).user;
    print(
      `Joiner: ${joined.userName} ${isNew ? 'created' : 'already existed'}, workspaces ${workspaceIdsOf(joined)}.`,
    );

    // Mover: exactly the new workspace; grants go first, so the user never has none in between.
    const move = await scim.users.setWorkspaces(joined.id, [moveWorkspace]);
    print(
      `Mover: granted ${move.granted.length}, revoked ${move.revoked.length}; now ${workspaceIdsOf(move.user)}.`,
    );

    // Leaver: take every workspace away, then deactivate.
    const revoke = await scim.users.revokeWorkspaces(move.user.id, workspaceIdsOf(move.user));
    const left = await scim.users.deactivate(revoke.user.id);
    print(`Leaver: ${left.userName} active=${left.active}, workspaces ${workspaceIdsOf(left).length}.`);

    const { totalResults } = await scim.users.list({ filter: filter.eq('active', true), pageSize: 1 });
    print(`Active users in the tenant: ${totalResults}.`);
    return { joined, moved: move.user, left };
  } finally {
    await connection.close();
  }
}
