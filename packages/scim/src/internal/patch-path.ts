// Tests: ../apply-patch.test.ts

import type { Filter } from '../filter.js';
import { scimUrns } from '../urns.js';
import { parseFilter } from './filter-parser.js';

/** A PATCH path split into its parts (RFC 7644 §3.5.2, `PATH = attrPath / valuePath [subAttr]`). */
export interface ParsedPath {
  /** The extension URN whose object holds the attribute; `undefined` for core attributes. */
  container: string | undefined;
  attribute: string;
  /** The value-selection filter of `attribute[filter]`. */
  selection: Filter | undefined;
  subAttribute: string | undefined;
}

/** Splits a PATCH path. @throws SyntaxError when the path cannot be read. */
export function parsePatchPath(path: string): ParsedPath {
  const trimmed = path.trim();
  const bracket = trimmed.indexOf('[');
  const head = bracket === -1 ? trimmed : trimmed.slice(0, bracket);
  let container: string | undefined;
  let local = head;
  if (head.toLowerCase().startsWith('urn:')) {
    const colon = head.lastIndexOf(':');
    container = head.slice(0, colon);
    local = head.slice(colon + 1);
    if (container.toLowerCase() === scimUrns.user.toLowerCase()) container = undefined;
  }
  let selection: Filter | undefined;
  let subAttribute: string | undefined;
  let attribute = local;
  if (bracket !== -1) {
    const close = trimmed.lastIndexOf(']');
    if (close < bracket) throw new SyntaxError(`Unclosed "[" in PATCH path: ${path}`);
    selection = parseFilter(trimmed.slice(bracket + 1, close));
    const rest = trimmed.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith('.') || rest.length < 2)
        throw new SyntaxError(`Unexpected text after "]" in PATCH path: ${path}`);
      subAttribute = rest.slice(1);
    }
  } else {
    const dot = local.indexOf('.');
    if (dot !== -1) {
      attribute = local.slice(0, dot);
      subAttribute = local.slice(dot + 1);
    }
  }
  if (
    !/^[A-Za-z$][\w$-]*$/.test(attribute) ||
    (subAttribute !== undefined && !/^[A-Za-z$][\w$-]*$/.test(subAttribute))
  ) {
    throw new SyntaxError(`Invalid PATCH path: ${path}`);
  }
  return { container, attribute, selection, subAttribute };
}
