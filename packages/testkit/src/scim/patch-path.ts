// Tests: ./user-patch.test.ts

import { badRequest } from './scim-response.js';
import { scimUrns } from './urns.js';

/** A parsed PATCH `path`: `attribute`, `name.givenName`, `attribute[filter]` or `attribute[filter].sub`. */
export interface PatchPath {
  /** The attribute path before any `[`, lower-cased (attribute names are case-insensitive), e.g. `name.givenname`. */
  attribute: string;
  /** The text between `[` and `]`, when there is a value filter. */
  filter?: string;
  /** The sub-attribute after `].`, lower-cased. */
  subAttribute?: string;
}

const attributePath = /^[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?$/;
const subAttributeName = /^[A-Za-z][\w$-]*$/;

/** Index of the `]` that closes the `[` at `open`, skipping quoted strings (which may hold `]` and `\"`). */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let index = open + 1; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === ']') {
      return index;
    }
  }
  return -1;
}

/**
 * Parses a PATCH path (RFC 7644 §3.5.2 `PATH = attrPath / valuePath [subAttr]`). A `urn:…:User:` prefix is dropped.
 *
 * @throws {ScimRequestError} 400 `invalidPath` when it does not parse.
 */
export function parsePatchPath(text: string): PatchPath {
  let path = text.trim();
  const prefix = `${scimUrns.user}:`;
  if (path.toLowerCase().startsWith(prefix.toLowerCase())) path = path.slice(prefix.length);
  const open = path.indexOf('[');
  if (open < 0) {
    if (!attributePath.test(path))
      throw badRequest('invalidPath', `Path ${JSON.stringify(text)} is not valid`);
    return { attribute: path.toLowerCase() };
  }
  const close = closingBracket(path, open);
  const attribute = path.slice(0, open);
  const rest = close < 0 ? '' : path.slice(close + 1);
  const validRest = rest === '' || (rest.startsWith('.') && subAttributeName.test(rest.slice(1)));
  if (close < 0 || !attributePath.test(attribute) || !validRest)
    throw badRequest('invalidPath', `Path ${JSON.stringify(text)} is not valid`);
  const parsed: PatchPath = { attribute: attribute.toLowerCase(), filter: path.slice(open + 1, close) };
  if (rest !== '') parsed.subAttribute = rest.slice(1).toLowerCase();
  return parsed;
}
