import { type ClientOptions, ConfigurationError } from '@anaplan-access/core';
import { z } from 'zod';
import type { ObserveOptions } from '../target/access-target.js';
import type { ObservedState } from '../target/observed-state.js';
import { inventoryFrom } from './internal/inventory-from.js';
import { readLicences } from './internal/read-licences.js';
import type { Inventory } from './inventory-types.js';

/**
 * What {@link inventory} reads from: `anaplanTarget` is one.
 *
 * @example
 * ```ts
 * const source: InventoryTarget = anaplanTarget({ scim, integration, workspaces, models });
 * ```
 */
export interface InventoryTarget {
  /** Reads users, workspaces and model access; asked for last logins too (`lastLogins: true`). */
  observe(options?: ObserveOptions): Promise<ObservedState>;
}

/**
 * Options of {@link inventory}.
 *
 * @example
 * ```ts
 * const options: InventoryOptions = { administration: { auth: tenantAdminAuth, region: 'eu3' }, users: 'managed' };
 * ```
 */
export interface InventoryOptions {
  /**
   * Client options for the Administration API (its `baseUrl`, e.g. a simulator's `adminUrl`, or `region`), to read
   * licences from its user export. The account needs the Tenant Administrator role; without it, or without these
   * options, the licence column is `unknown` and {@link Inventory.licences} says why. @default licences not read
   */
  administration?: ClientOptions | undefined;
  /**
   * Which users: every tenant user SCIM lists (`tenant`), or only members of the target's managed workspaces
   * (`managed`). @default 'tenant'
   */
  users?: 'tenant' | 'managed' | undefined;
  signal?: AbortSignal | undefined;
  /** The inventory's `takenAt` clock. @default () => new Date() */
  now?: (() => Date) | undefined;
}

const OptionsSchema = z.strictObject({
  administration: z
    .custom<ClientOptions>((value) => typeof value === 'object' && value !== null, 'client options')
    .optional(),
  users: z.enum(['tenant', 'managed']).optional(),
  signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'an AbortSignal').optional(),
  now: z.custom<() => Date>((value) => typeof value === 'function', 'a function').optional(),
});

/**
 * Takes an inventory of who has what: every user (SCIM's active flag and creation date, the Integration API's last
 * login, licences from the Administration API when the account may read them), the managed workspaces with their
 * Workspace Administrators, and each managed model's access (role, selective access, SSO) from its Users export,
 * through the target's own observation (models read concurrently under the clients' limits). It changes nothing.
 * What cannot be read is marked `unknown` with the reason, never guessed.
 *
 * @example
 * ```ts
 * const target = anaplanTarget({ scim, integration, workspaces, models });
 * const taken = await inventory(target, { administration: { auth, baseUrl: simulator.adminUrl } });
 * await writeFile('access-review.html', renderInventory(taken, { format: 'html' }));
 * ```
 * @throws {ConfigurationError} for unknown or invalid options (`key` names the option).
 * @throws whatever `target.observe()` throws (see `plan`), and core's request errors from the Administration API
 *   other than a refusal of the role (401, 403, 500), which leaves the licences unknown.
 * @group Inventory
 */
export async function inventory(target: InventoryTarget, options: InventoryOptions = {}): Promise<Inventory> {
  const checked = OptionsSchema.safeParse(options);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key =
      issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue?.path.join('.') || 'options';
    throw new ConfigurationError(key, `inventory: ${key}: ${issue?.message ?? 'invalid'}`);
  }
  if (typeof target?.observe !== 'function')
    throw new ConfigurationError('target', 'inventory: target must have observe() (anaplanTarget gives one)');
  const { signal } = options;
  const [observed, licences] = await Promise.all([
    target.observe({ signal, lastLogins: true }),
    options.administration
      ? readLicences(options.administration, signal)
      : 'not read (inventory was given no `administration` options)',
  ]);
  return inventoryFrom(observed, licences, {
    managedOnly: options.users === 'managed',
    takenAt: (options.now ?? (() => new Date()))(),
  });
}
