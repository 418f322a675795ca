// Tests: ./state-file.test.ts, ../cli.test.ts

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { TenantSeed } from '../seed.js';
import {
  continueIdsAfter,
  idsIssuedBy,
  type SimList,
  type SimModel,
  type SimModelUser,
  type SimUser,
  type SimulatorSwitches,
  type SimWorkspace,
  TenantState,
} from '../state.js';
import { checkFields, type FieldRule, isRecord, optional, type Rules, required } from './seed-file.js';

/** What a state file says it is; a file without it is not one. */
const format = 'anaplan-sim-state';
/** The version of the layout below; a file of another version is refused, never guessed at. */
const version = 1;

/** A tenant user as the state file keeps it: everything but the credentials, which come from the seed. */
type StoredUser = Omit<SimUser, 'password' | 'certificate'>;
type StoredModel = Omit<SimModel, 'users'> & { users: SimModelUser[] };

/** The tenant's own fields that hold a string, number or boolean: its name and settings. */
type TenantSettings = Record<string, string | number | boolean> & { name: string };

/** The JSON of a state file. */
interface StoredState {
  format: typeof format;
  version: typeof version;
  tenant: TenantSettings;
  /** How many ids the tenant handed out, so that a later process does not hand one out again. */
  idsIssued: number;
  users: StoredUser[];
  workspaces: SimWorkspace[];
  models: StoredModel[];
}

/** A state file that cannot be read, is not a state file, or cannot be written. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

/**
 * The simulated tenant kept in a JSON file between processes: read at start when the file exists, written again
 * (to a temporary file, then renamed over it) whenever it changed. What a later process needs is kept: the tenant's
 * settings, users (with SCIM `meta`), workspaces and their administrators, models with their roles, lists, Users
 * lists and actions. What lives only as long as the process is not: sessions and tokens, device authorizations,
 * uploaded files, tasks and failure dumps. No credential is written: passwords, certificates, OAuth clients and
 * API keys come from the seed at every start.
 */
export class StateFile {
  readonly path: string;
  /** The JSON last read or written: an unchanged tenant is not written again. */
  #written: string | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /**
   * The tenant of the file, with the seed's credentials; the seed's tenant when the file does not exist (or is
   * empty, as a file made by `mktemp` is). Either way the file then holds the tenant.
   *
   * @throws StateFileError when the file cannot be read, is not JSON, is not a state file, has another version, or
   *   cannot be written.
   */
  load(seed: TenantSeed = {}, switches: Partial<SimulatorSwitches> = {}): TenantState {
    const text = this.#read();
    const state = text === undefined ? new TenantState(seed, switches) : this.#restore(text, seed, switches);
    this.save(state);
    return state;
  }

  /**
   * Writes the tenant when it changed since the last read or write: to a temporary file beside the state file,
   * flushed to disk, then renamed over it, so that a reader sees the old tenant or the new one, never a part.
   *
   * @throws StateFileError when the file cannot be written.
   */
  save(state: TenantState): void {
    const text = `${JSON.stringify(snapshot(state), null, 2)}\n`;
    if (text === this.#written) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      const descriptor = openSync(temporary, 'w', 0o600);
      try {
        writeSync(descriptor, text);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      renameSync(temporary, this.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new StateFileError(`cannot write state file ${this.path}: ${reasonOf(error)}`);
    }
    this.#written = text;
  }

  #read(): string | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StateFileError(`cannot read state file ${this.path}: ${reasonOf(error)}`);
    }
    return text.trim() === '' ? undefined : text;
  }

  #restore(text: string, seed: TenantSeed, switches: Partial<SimulatorSwitches>): TenantState {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const position = /at position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
      throw this.#error(`is not valid JSON${position ? ` (${position})` : ''}`);
    }
    if (!isRecord(parsed) || parsed.format !== format)
      throw this.#error(`is not an anaplan-sim state file (it has no "format": "${format}")`);
    if (parsed.version !== version)
      throw this.#error(
        `has version ${JSON.stringify(parsed.version)}, and this anaplan-sim reads version ${version}; delete it to start again from the seed`,
      );
    const problem = checkStoredState(parsed);
    if (problem) throw new StateFileError(`state file ${this.path}: ${problem}`);
    this.#written = text;
    return restore(parsed as unknown as StoredState, seed, switches);
  }

  #error(problem: string): StateFileError {
    return new StateFileError(`state file ${this.path} ${problem}`);
  }
}

/** The tenant's settings: its own fields holding a string, number or boolean (`name`, `allowNewUsersFromImport` …). */
function settingsOf(state: TenantState): TenantSettings {
  const settings = Object.entries(state).filter(([, value]) => isSetting(value));
  return { ...Object.fromEntries(settings), name: state.name };
}

function isSetting(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function snapshot(state: TenantState): StoredState {
  return {
    format,
    version,
    tenant: settingsOf(state),
    idsIssued: idsIssuedBy(state),
    users: [...state.users.values()].map(({ password: _, certificate: __, ...user }) => user),
    workspaces: [...state.workspaces.values()],
    models: [...state.models.values()].map((model) => ({ ...model, users: [...model.users.values()] })),
  };
}

/** The stored tenant, with the credentials of the seed: passwords and certificates by userName, OAuth clients, API keys. */
function restore(stored: StoredState, seed: TenantSeed, switches: Partial<SimulatorSwitches>): TenantState {
  const state = new TenantState(
    {
      tenant: { name: stored.tenant.name },
      ...(seed.oauthClients ? { oauthClients: seed.oauthClients } : {}),
      ...(seed.apiKeys ? { apiKeys: seed.apiKeys } : {}),
    },
    switches,
  );
  Object.assign(state, stored.tenant);
  const credentials = new Map((seed.users ?? []).map((user) => [user.userName.toLowerCase(), user]));
  for (const { created, lastModified, version: userVersion, ...user } of stored.users) {
    const seeded = credentials.get(user.userName.toLowerCase());
    const added = state.addUser({ ...user, password: seeded?.password, certificate: seeded?.certificate });
    Object.assign(added, { created, lastModified, version: userVersion });
  }
  for (const workspace of stored.workspaces) state.workspaces.set(workspace.id, workspace);
  for (const model of stored.models)
    state.models.set(model.id, {
      ...model,
      users: new Map(model.users.map((user) => [user.email.toLowerCase(), user])),
    });
  continueIdsAfter(state, stored.idsIssued);
  return state;
}

const stateRules = {
  format: required('string'),
  version: required('number'),
  tenant: required('object'),
  idsIssued: required('number'),
  users: required('object-list'),
  workspaces: required('object-list'),
  models: required('object-list'),
} satisfies Rules<StoredState>;

/** What the simulator relies on, field by field; fields added later pass (they are kept as they are). */
type Checked<T> = { [Key in keyof T]?: FieldRule };

const userRules = {
  id: required('string'),
  userName: required('string'),
  givenName: required('string'),
  familyName: required('string'),
  active: required('boolean'),
  externalId: optional('string'),
  roles: required('string-list'),
  workspaces: required('string-list'),
  created: required('string'),
  lastModified: required('string'),
  version: required('number'),
  lastLoginAt: optional('number'),
} satisfies Checked<StoredUser>;

const workspaceRules = {
  id: required('string'),
  name: required('string'),
  active: required('boolean'),
  sizeAllowance: required('number'),
  admins: required('string-list'),
} satisfies Checked<SimWorkspace>;

/** The saved actions and files are the seed's, kept as they were: only their being objects is checked. */
const modelRules = {
  id: required('string'),
  name: required('string'),
  workspaceId: required('string'),
  state: required('string'),
  roles: required('string-list'),
  lists: required('object-list'),
  users: required('object-list'),
  imports: required('object-list'),
  exports: required('object-list'),
  processes: required('object-list'),
  actions: required('object-list'),
  seedFiles: required('object-list'),
} satisfies Checked<StoredModel>;

const listRules = {
  id: required('string'),
  name: required('string'),
  items: required('string-list'),
  selectiveAccess: required('boolean'),
} satisfies Checked<SimList>;

const modelUserRules = {
  email: required('string'),
  firstName: required('string'),
  lastName: required('string'),
  role: required('string'),
  sso: required('boolean'),
  workspaceAdmin: required('boolean'),
  selectiveAccess: required('object'),
} satisfies Checked<SimModelUser>;

/** The first problem of a parsed state file, named by its place (`models[0].users[2].role must be a string`). */
function checkStoredState(stored: Record<string, unknown>): string | undefined {
  const problem =
    checkFields(stored, stateRules, '', true) ??
    checkSettings(stored.tenant as Record<string, unknown>) ??
    checkEach(stored.users, userRules, 'users') ??
    checkEach(stored.workspaces, workspaceRules, 'workspaces');
  if (problem) return problem;
  for (const [index, model] of (stored.models as Record<string, unknown>[]).entries()) {
    const found =
      checkFields(model, modelRules, `models[${index}].`, false) ??
      checkEach(model.lists, listRules, `models[${index}].lists`) ??
      checkEach(model.users, modelUserRules, `models[${index}].users`);
    if (found) return found;
  }
  return undefined;
}

/** The settings must be ones this simulator has (a file of another build may name others), of the same type. */
function checkSettings(settings: Record<string, unknown>): string | undefined {
  const known = settingsOf(new TenantState());
  for (const [key, value] of Object.entries(settings)) {
    if (!(key in known))
      return `tenant.${key} is not a setting of this simulator (known: ${Object.keys(known).join(', ')})`;
    if (typeof value !== typeof known[key]) return `tenant.${key} must be a ${typeof known[key]}`;
  }
  return undefined;
}

function checkEach(entries: unknown, rules: Record<string, FieldRule>, name: string): string | undefined {
  for (const [index, entry] of (entries as Record<string, unknown>[]).entries()) {
    const problem = checkFields(entry, rules, `${name}[${index}].`, false);
    if (problem) return problem;
  }
  return undefined;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
