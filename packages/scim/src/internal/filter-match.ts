// Tests: ../apply-patch.test.ts

import type { ComparisonFilter, Filter } from '../filter.js';

/** Looks `name` up in `record` ignoring case, as SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
export function findKey(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === lower);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value found at a dotted attribute path, flattening multi-valued attributes. */
function valuesAt(resource: Record<string, unknown>, attribute: string): unknown[] {
  let current: unknown[] = [resource];
  for (const part of attribute.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (!isRecord(item)) continue;
      const key = findKey(item, part);
      if (key === undefined) continue;
      const value = item[key];
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined && value !== null) next.push(value);
    }
    current = next;
  }
  // A multi-valued attribute compared directly (`emails eq "x"`) compares its items' `value`.
  return current.map((value) => (isRecord(value) && 'value' in value ? value['value'] : value));
}

function compare(actual: unknown, node: ComparisonFilter): boolean {
  const expected = node.value;
  if (typeof actual === 'string' && typeof expected === 'string') {
    // caseExact is false for every Anaplan attribute and for most RFC User attributes.
    const left = actual.toLowerCase();
    const right = expected.toLowerCase();
    switch (node.operator) {
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
  const normalized =
    typeof actual === 'string' && typeof expected === 'boolean' ? actual.toLowerCase() === 'true' : actual;
  switch (node.operator) {
    case 'eq':
      return normalized === expected;
    case 'ne':
      return normalized !== expected;
    case 'gt':
      return typeof normalized === 'number' && typeof expected === 'number' && normalized > expected;
    case 'ge':
      return typeof normalized === 'number' && typeof expected === 'number' && normalized >= expected;
    case 'lt':
      return typeof normalized === 'number' && typeof expected === 'number' && normalized < expected;
    case 'le':
      return typeof normalized === 'number' && typeof expected === 'number' && normalized <= expected;
    default:
      return false;
  }
}

/** Whether `resource` (a user, or one item of a multi-valued attribute) matches `node`. */
export function matchesFilter(node: Filter, resource: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return node.filters.every((child) => matchesFilter(child, resource));
    case 'or':
      return node.filters.some((child) => matchesFilter(child, resource));
    case 'not':
      return !matchesFilter(node.filter, resource);
    case 'present':
      return valuesAt(resource, node.attribute).some((value) => value !== '');
    case 'comparison': {
      const values = valuesAt(resource, node.attribute);
      if (node.value === null) return node.operator === 'eq' ? values.length === 0 : values.length > 0;
      if (node.operator === 'ne') return !values.some((value) => compare(value, { ...node, operator: 'eq' }));
      return values.some((value) => compare(value, node));
    }
  }
}
