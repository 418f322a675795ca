import { compareText } from '../../internal/compare-text.js';
import { noAccessRole } from '../../internal/model-access.js';
import type { ObservedModel } from '../observed-state.js';

/** Roles every Anaplan model has on its Roles tab; they cannot be removed. */
const builtInRoles = ['Full Access', noAccessRole];

/**
 * The roles desired access is validated against: the configured `roles`, the built-in roles, and every role a user
 * holds in the model's Users export. `undefined` (roles not validated) only when the model has neither configured
 * roles nor a readable export; then an unknown role is caught by the import itself, as a failed operation.
 */
export function knownRoles(
  configured: readonly string[] | undefined,
  model: ObservedModel,
): string[] | undefined {
  if (configured === undefined && model.access !== 'known') return undefined;
  const seen = new Set<string>();
  if (model.access === 'known') for (const access of model.users.values()) seen.add(access.role);
  const roles: string[] = [];
  const add = (role: string) => {
    if (role.trim() !== '' && !roles.includes(role)) roles.push(role);
  };
  for (const role of configured ?? []) add(role);
  for (const role of builtInRoles) add(role);
  for (const role of [...seen].sort(compareText)) add(role);
  return roles;
}
