// Tests: ./list-users.test.ts

import type { SimUser } from '../state.js';
import type { ComparisonOperator, FilterDialect, FilterNode, FilterValue } from './filter-parser.js';
import { scimUrns } from './urns.js';

/** The attributes Anaplan lets `GET /Users?filter=` name (SETI #223, Apiary), with their types. */
export const userFilterDialect: FilterDialect = {
  attributes: {
    id: 'string',
    externalId: 'string',
    userName: 'string',
    'name.familyName': 'string',
    'name.givenName': 'string',
    active: 'boolean',
  },
  operators: new Set<ComparisonOperator>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']),
  present: true,
  urnPrefix: scimUrns.user,
};

/** Reads an attribute of the thing a filter is evaluated against; `undefined` when it has no value. */
export type AttributeReader = (attribute: string) => string | boolean | undefined;

/**
 * Folds a string for caseExact=false comparison. Every attribute of Anaplan's User schema is caseExact=false,
 * including `id` and `externalId` ("not per RFC", says the live `/Schemas`).
 */
export function foldCase(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

function isEmpty(value: string | boolean | undefined): boolean {
  return value === undefined || value === '';
}

function compare(
  actual: string | boolean | undefined,
  operator: ComparisonOperator,
  expected: FilterValue,
): boolean {
  if (expected === null) {
    // `eq null` asks for "no value" (anaplan-sdk uses it to negate `pr`; whether Anaplan accepts it is uncertain).
    if (operator === 'eq') return isEmpty(actual);
    if (operator === 'ne') return !isEmpty(actual);
    return false;
  }
  if (typeof expected === 'boolean') {
    if (operator === 'eq') return actual === expected;
    if (operator === 'ne') return actual !== expected;
    return false;
  }
  if (typeof expected !== 'string') return false;
  if (typeof actual !== 'string') return operator === 'ne';
  const left = foldCase(actual);
  const right = foldCase(expected);
  switch (operator) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    case 'le':
      return left <= right;
  }
}

/**
 * Evaluates a parsed filter. Strings compare case-insensitively; an absent attribute is never equal to a string
 * and never ordered.
 *
 * @example
 * ```ts
 * evaluateFilter(parseFilter('active eq true', userFilterDialect), userAttributeReader(user));
 * ```
 */
export function evaluateFilter(node: FilterNode, read: AttributeReader): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, read) && evaluateFilter(node.right, read);
    case 'or':
      return evaluateFilter(node.left, read) || evaluateFilter(node.right, read);
    case 'present':
      return !isEmpty(read(node.attribute));
    case 'compare':
      return compare(read(node.attribute), node.operator, node.value);
  }
}

/** Reads the filterable attributes of a stored user. */
export function userAttributeReader(user: SimUser): AttributeReader {
  return (attribute) => {
    switch (attribute) {
      case 'id':
        return user.id;
      case 'externalId':
        return user.externalId;
      case 'userName':
        return user.userName;
      case 'name.familyName':
        return user.familyName;
      case 'name.givenName':
        return user.givenName;
      case 'active':
        return user.active;
      default:
        return undefined;
    }
  };
}
