// Tests: ./user-writes.test.ts

import { badRequest } from './scim-response.js';

/** A JSON object from a request body. */
export type JsonObject = Record<string, unknown>;

/**
 * Requires the parsed body to be a JSON object.
 *
 * @throws {ScimRequestError} 400 `invalidSyntax` otherwise.
 */
export function requireObject(body: unknown, what = 'The request body'): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalidSyntax', `${what} must be a JSON object`);
  return body as JsonObject;
}

/**
 * Reads a key of a SCIM object case-insensitively (attribute names are case-insensitive, RFC 7643 §2.1).
 */
export function readKey(object: JsonObject, key: string): unknown {
  if (key in object) return object[key];
  const wanted = key.toLowerCase();
  const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === wanted);
  return found === undefined ? undefined : object[found];
}

/**
 * Parses `active`. The live schema says boolean, but Apiary and help examples send `"True"`/`"False"` strings, so
 * both are accepted (case-insensitively for the strings).
 *
 * @throws {ScimRequestError} 400 `invalidValue` for anything else.
 */
export function parseActive(value: unknown, where = 'active'): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  throw badRequest('invalidValue', `${where} must be true or false`);
}

/**
 * Parses a required non-empty string attribute (`userName`, `name.givenName`, `name.familyName`).
 *
 * @throws {ScimRequestError} 400 `invalidValue` when missing, empty or not a string.
 */
export function requireText(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest('invalidValue', `${where} is required and must be a non-empty string`);
  return value;
}

/**
 * Parses the optional `externalId` (`null` clears it).
 *
 * @throws {ScimRequestError} 400 `invalidValue` when it is not a string.
 */
export function parseExternalId(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest('invalidValue', 'externalId must be a string');
  return value;
}

/**
 * Reads `name.givenName` and `name.familyName`, both required by the live schema.
 *
 * @throws {ScimRequestError} 400 `invalidValue` when `name` or a part is missing.
 */
export function requireName(body: JsonObject): { givenName: string; familyName: string } {
  const name = readKey(body, 'name');
  if (typeof name !== 'object' || name === null || Array.isArray(name))
    throw badRequest('invalidValue', 'name is required, with givenName and familyName');
  const parts = name as JsonObject;
  return {
    givenName: requireText(readKey(parts, 'givenName'), 'name.givenName'),
    familyName: requireText(readKey(parts, 'familyName'), 'name.familyName'),
  };
}
