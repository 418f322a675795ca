// Tests: ../cli.test.ts

import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type {
  ApiKeySeed,
  OAuthClientSeed,
  TenantSeed,
  TenantSettingsSeed,
  UserSeed,
  WorkspaceSeed,
} from '../seed.js';

/** A seed file that cannot be read or does not have the shape of a {@link TenantSeed}. */
export class SeedFileError extends Error {
  override readonly name = 'SeedFileError';
}

export type FieldType =
  | 'string'
  | 'string-or-null'
  | 'boolean'
  | 'number'
  | 'string-list'
  | 'object'
  | 'object-list';
export interface FieldRule {
  type: FieldType;
  required?: true;
}
/** One rule per field, so the compiler reports a field added to the seed types but not checked here. */
export type Rules<T> = { [Key in keyof Required<T>]: FieldRule };

export const optional = (type: FieldType): FieldRule => ({ type });
export const required = (type: FieldType): FieldRule => ({ type, required: true });

const tenantRules = {
  tenant: optional('object'),
  users: optional('object-list'),
  workspaces: optional('object-list'),
  models: optional('object-list'),
  oauthClients: optional('object-list'),
  apiKeys: optional('object-list'),
} satisfies Rules<TenantSeed>;

const settingsRules = {
  name: optional('string'),
  allowNewUsersFromImport: optional('boolean'),
  limitExceptionUserAssignmentToAdministration: optional('boolean'),
} satisfies Rules<TenantSettingsSeed>;

const userRules = {
  id: optional('string'),
  userName: required('string'),
  givenName: optional('string'),
  familyName: optional('string'),
  active: optional('boolean'),
  externalId: optional('string'),
  password: optional('string'),
  roles: optional('string-list'),
  workspaces: optional('string-list'),
  certificate: optional('string'),
  lastLoginDate: optional('string-or-null'),
  created: optional('string'),
  licenses: optional('string-list'),
} satisfies Rules<UserSeed>;

const workspaceRules = {
  id: optional('string'),
  name: required('string'),
  active: optional('boolean'),
  sizeAllowance: optional('number'),
  admins: optional('string-list'),
  ssoEnabled: optional('boolean'),
  exceptionUsers: optional('string-list'),
} satisfies Rules<WorkspaceSeed>;

const oauthClientRules = {
  clientId: required('string'),
  clientSecret: optional('string'),
  userName: required('string'),
  refreshTokens: optional('string-list'),
  rotate: optional('boolean'),
} satisfies Rules<OAuthClientSeed>;

const apiKeyRules = { key: required('string'), userName: required('string') } satisfies Rules<ApiKeySeed>;

/** Models grow with the Integration API; only their identifying fields are checked, and other fields pass. */
const modelRules: Record<string, FieldRule> = { name: required('string'), workspaceId: required('string') };

/**
 * Reads and checks a JSON seed file for the `anaplan-sim` CLI. The check names the first problem with its
 * location (`users[2].userName must be a string`) instead of letting a typo produce an empty tenant.
 *
 * @throws SeedFileError when the file cannot be read, is not JSON, or does not have the shape of a TenantSeed
 */
export async function readSeedFile(path: string): Promise<TenantSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new SeedFileError(`cannot read seed file ${path}: ${reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Only the position: the parser's message quotes the text around it, which may hold a seeded password.
    const position = /at position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    throw new SeedFileError(`seed file ${path} is not valid JSON${position ? ` (${position})` : ''}`);
  }
  const problem = checkSeed(parsed);
  if (problem) throw new SeedFileError(`seed file ${path}: ${problem}`);
  return parsed as TenantSeed;
}

/** Returns the first problem of a parsed seed, or `undefined` when it has the expected shape. */
export function checkSeed(seed: unknown): string | undefined {
  if (!isRecord(seed)) return 'the top level must be a JSON object';
  const problem = checkFields(seed, tenantRules, '', true);
  if (problem) return problem;
  if (seed.tenant !== undefined) {
    const settings = checkFields(seed.tenant as Record<string, unknown>, settingsRules, 'tenant.', true);
    if (settings) return settings;
  }
  const lists: [keyof TenantSeed, Record<string, FieldRule>, boolean][] = [
    ['users', userRules, true],
    ['workspaces', workspaceRules, true],
    ['models', modelRules, false],
    ['oauthClients', oauthClientRules, true],
    ['apiKeys', apiKeyRules, true],
  ];
  for (const [key, rules, strict] of lists) {
    const entries = (seed[key] ?? []) as Record<string, unknown>[];
    for (const [index, entry] of entries.entries()) {
      const found = checkFields(entry, rules, `${key}[${index}].`, strict);
      if (found) return found;
    }
  }
  for (const [index, user] of ((seed.users ?? []) as UserSeed[]).entries()) {
    if (user.certificate !== undefined && !parsesAsCertificate(user.certificate)) {
      return `users[${index}].certificate is not a PEM certificate`;
    }
  }
  return undefined;
}

function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

export function checkFields(
  value: Record<string, unknown>,
  rules: Record<string, FieldRule>,
  prefix: string,
  strict: boolean,
): string | undefined {
  if (strict) {
    for (const key of Object.keys(value)) {
      if (!(key in rules)) {
        return `${prefix}${key} is not a known field (known: ${Object.keys(rules).join(', ')})`;
      }
    }
  }
  for (const [key, rule] of Object.entries(rules)) {
    const field = value[key];
    if (field === undefined) {
      if (rule.required) return `${prefix}${key} is required`;
      continue;
    }
    if (!hasType(field, rule.type)) return `${prefix}${key} must be ${describe(rule.type)}`;
  }
  return undefined;
}

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
    case 'boolean':
    case 'number':
      return typeof value === type;
    case 'string-or-null':
      return value === null || typeof value === 'string';
    case 'string-list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isRecord(value);
    case 'object-list':
      return Array.isArray(value) && value.every(isRecord);
  }
}

function describe(type: FieldType): string {
  const descriptions: Record<FieldType, string> = {
    string: 'a string',
    'string-or-null': 'a string or null',
    boolean: 'true or false',
    number: 'a number',
    'string-list': 'an array of strings',
    object: 'an object',
    'object-list': 'an array of objects',
  };
  return descriptions[type];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
