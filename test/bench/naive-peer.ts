// Measurement 4's peer: the way access scripts in the field do it. The same clients, called one after another:
// one SCIM call per change (with the SDK's defaults, so a grant reads the user first) and one USERS import per user
// and model. It takes the plan's operations as its to-do list, so it does exactly the same work as the engine.
import { type IntegrationClient, usersImport } from '@anaplan-access/bulk';
import type { AnaplanTargetModel, Operation, Plan } from '@anaplan-access/reconcile';
import { patch, type ScimClient, workspaceEntitlements } from '@anaplan-access/scim';

const order: Operation['kind'][] = [
  'user.create',
  'user.update',
  'user.reactivate',
  'workspace.grant',
  'model.access.set',
  'model.access.revoke',
  'workspace.revoke',
  'user.deactivate',
];

/** Applies every operation of `changes`, one request chain at a time. Returns how many changes it made. */
export async function runNaivePeer(
  changes: Plan,
  clients: { scim: ScimClient; integration: IntegrationClient },
  models: AnaplanTargetModel[],
  pollIntervalMs: number,
): Promise<number> {
  const { scim, integration } = clients;
  const ids = new Map<string, string>();
  for (const operation of changes.operations)
    if (operation.userId) ids.set(operation.userName.toLowerCase(), operation.userId);
  const idOf = (operation: Operation) => ids.get(operation.userName.toLowerCase()) as string;
  let done = 0;
  for (const kind of order) {
    for (const operation of changes.operations) {
      if (operation.kind !== kind) continue;
      switch (operation.kind) {
        case 'user.create': {
          const { workspaces, ...fields } = operation.after;
          const created = await scim.users.create({
            userName: operation.userName,
            name: { givenName: fields.givenName, familyName: fields.familyName },
            active: fields.active,
            entitlements: workspaceEntitlements(workspaces),
          });
          ids.set(operation.userName.toLowerCase(), created.id);
          break;
        }
        case 'user.update': {
          const operations = [];
          if (operation.after.givenName !== undefined)
            operations.push(patch.replace('name.givenName', operation.after.givenName));
          if (operation.after.familyName !== undefined)
            operations.push(patch.replace('name.familyName', operation.after.familyName));
          await scim.users.patch(idOf(operation), operations);
          break;
        }
        case 'user.reactivate':
          await scim.users.activate(idOf(operation));
          break;
        case 'user.deactivate':
          await scim.users.deactivate(idOf(operation));
          break;
        case 'workspace.grant':
          await scim.users.grantWorkspaces(idOf(operation), [operation.workspaceId]);
          break;
        case 'workspace.revoke':
          await scim.users.revokeWorkspaces(idOf(operation), [operation.workspaceId]);
          break;
        case 'model.access.set':
        case 'model.access.revoke': {
          const model = models.find((candidate) => candidate.modelId === operation.modelId);
          if (!model) throw new Error(`no model ${operation.modelId}`);
          const csv = usersImport.toCsv(
            [
              {
                email: operation.userName,
                firstName: operation.givenName,
                lastName: operation.familyName,
                role: operation.after.role,
                sso: operation.after.sso,
                selectiveAccess: operation.after.selectiveAccess,
              },
            ],
            model.usersImport.columns,
          );
          const result = await integration
            .model(model.workspaceId, model.modelId)
            .runImport(model.usersImport.importId, csv, { wait: { intervalMs: pollIntervalMs } });
          if (!result.successful) throw new Error(`import for ${operation.userName} failed`);
          break;
        }
        default:
          continue;
      }
      done += 1;
    }
  }
  return done;
}
