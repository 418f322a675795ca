import { ConfigurationError } from '@anaplan-access/core';

/** Attribute operators of a SCIM filter (RFC 7644 §3.4.2.2), `pr` aside. */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A value compared in a filter. A `Date` is sent as its ISO 8601 string. */
export type FilterValue = string | number | boolean | null | Date;

/** `attribute operator value`, e.g. `userName eq "ada@example.com"`. */
export interface ComparisonFilter {
  readonly kind: 'comparison';
  readonly attribute: string;
  readonly operator: ComparisonOperator;
  readonly value: string | number | boolean | null;
  /** The filter as the server reads it. */
  toString(): string;
}

/** `attribute pr` (the attribute has a value). */
export interface PresentFilter {
  readonly kind: 'present';
  readonly attribute: string;
  /** The filter as the server reads it. */
  toString(): string;
}

/** `a and b and …` or `a or b or …`. */
export interface LogicalFilter {
  readonly kind: 'and' | 'or';
  readonly filters: readonly Filter[];
  /** The filter as the server reads it. */
  toString(): string;
}

/** `not (a)`. */
export interface NotFilter {
  readonly kind: 'not';
  readonly filter: Filter;
  /** The filter as the server reads it. */
  toString(): string;
}

/** A SCIM filter built with {@link filter}; `String(f)` renders it for the `filter` query parameter. */
export type Filter = ComparisonFilter | PresentFilter | LogicalFilter | NotFilter;

const attributeName = '(?:[A-Za-z][A-Za-z0-9_-]*|\\$ref)';
const attributePattern = new RegExp(`^(?:urn:[A-Za-z0-9:._-]+:)?${attributeName}(?:\\.${attributeName})?$`);

function checkAttribute(attribute: string): string {
  if (typeof attribute !== 'string' || !attributePattern.test(attribute)) {
    throw new ConfigurationError(
      'attribute',
      `Invalid SCIM filter attribute ${JSON.stringify(attribute)}: expected a name such as "userName" or "name.givenName"`,
    );
  }
  return attribute;
}

function checkValue(value: FilterValue): string | number | boolean | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new ConfigurationError('value', 'Invalid SCIM filter value: an invalid Date');
    return value.toISOString();
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ConfigurationError('value', `Invalid SCIM filter value: ${value} is not a finite number`);
  }
  if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
    throw new ConfigurationError('value', `Invalid SCIM filter value of type ${typeof value}`);
  }
  return value;
}

/**
 * Renders a filter value as the JSON literal the RFC asks for. Strings go through `JSON.stringify`, which escapes
 * `"` and `\` (and control characters) and leaves other Unicode as it is.
 */
function renderValue(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}

function renderOperand(operand: Filter): string {
  return operand.kind === 'and' || operand.kind === 'or' ? `(${operand})` : String(operand);
}

function comparison(operator: ComparisonOperator) {
  return (attribute: string, value: FilterValue): ComparisonFilter => {
    const checkedAttribute = checkAttribute(attribute);
    const checkedValue = checkValue(value);
    return Object.freeze({
      kind: 'comparison' as const,
      attribute: checkedAttribute,
      operator,
      value: checkedValue,
      toString: () => `${checkedAttribute} ${operator} ${renderValue(checkedValue)}`,
    });
  };
}

function logical(kind: 'and' | 'or') {
  return (...filters: Filter[]): Filter => {
    if (filters.length === 0)
      throw new ConfigurationError('filters', `filter.${kind}() needs at least one filter`);
    if (filters.length === 1) return filters[0]!;
    const operands = Object.freeze([...filters]);
    return Object.freeze({
      kind,
      filters: operands,
      toString: () => operands.map(renderOperand).join(` ${kind} `),
    });
  };
}

/**
 * Builds SCIM filters without string concatenation: attribute names are checked, values are escaped, and nested
 * `and`/`or` groups are parenthesised. With the client's `anaplan` option on (the default), attributes and operators
 * Anaplan does not support (`co`, `sw`, `ew`, `not`, attributes other than `id`, `externalId`, `userName`,
 * `name.givenName`, `name.familyName`, `active`) are refused before any request with an
 * {@link UnsupportedFilterError}.
 *
 * @example
 * ```ts
 * const f = filter.and(filter.eq('active', true), filter.or(filter.eq('name.familyName', 'O"Brien'), filter.pr('externalId')));
 * String(f); // 'active eq true and (name.familyName eq "O\\"Brien" or externalId pr)'
 * for await (const user of client.users.list({ filter: f })) console.log(user.userName);
 * ```
 * @throws `ConfigurationError` (key `attribute`, `value` or `filters`) when an attribute name is malformed, a value
 *   is not a JSON literal, or `and`/`or` get no filter.
 */
export const filter = {
  /** `attribute eq value` (equal). */
  eq: comparison('eq'),
  /** `attribute ne value` (not equal). */
  ne: comparison('ne'),
  /** `attribute co value` (contains). Not supported by Anaplan. */
  co: comparison('co'),
  /** `attribute sw value` (starts with). Not supported by Anaplan. */
  sw: comparison('sw'),
  /** `attribute ew value` (ends with). Not supported by Anaplan. */
  ew: comparison('ew'),
  /** `attribute gt value` (greater than). */
  gt: comparison('gt'),
  /** `attribute ge value` (greater than or equal). */
  ge: comparison('ge'),
  /** `attribute lt value` (less than). */
  lt: comparison('lt'),
  /** `attribute le value` (less than or equal). */
  le: comparison('le'),
  /** `attribute pr` (has a value). */
  pr(attribute: string): PresentFilter {
    const checkedAttribute = checkAttribute(attribute);
    return Object.freeze({
      kind: 'present' as const,
      attribute: checkedAttribute,
      toString: () => `${checkedAttribute} pr`,
    });
  },
  /** Every filter matches. A single filter is returned as it is. */
  and: logical('and'),
  /** Any filter matches. A single filter is returned as it is. */
  or: logical('or'),
  /** The filter does not match. Not supported by Anaplan. */
  not(inner: Filter): NotFilter {
    return Object.freeze({ kind: 'not' as const, filter: inner, toString: () => `not (${inner})` });
  },
} as const;
