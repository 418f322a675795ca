// Tests: ../filter.test.ts, ../scim-client.test.ts

import type { Filter } from '../filter.js';
import type { FilterViolation } from '../refused-errors.js';

/** Largest `count` Anaplan accepts on `GET /Users` ("limit is 100 users per call"). */
export const anaplanMaxPageSize = 100;

/** Most workspaces Anaplan accepts in one create, replace or PATCH call. */
export const anaplanMaxWorkspacesPerCall = 50;

/** Attributes Anaplan can filter on (live probe, setikites/anaplan-openapi #223), lower-cased. */
const filterableAttributes = new Map(
  ['id', 'externalId', 'userName', 'name.familyName', 'name.givenName', 'active'].map((name) => [
    name.toLowerCase(),
    name,
  ]),
);

/** Operators Anaplan supports; `co`, `sw`, `ew` and `not` answer 400 `invalidValue`. */
const supportedOperators = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'pr', 'and', 'or']);

/** Lists every attribute and operator in `filter` that Anaplan does not support; empty when it is fine. */
export function anaplanFilterViolations(root: Filter): FilterViolation[] {
  const violations: FilterViolation[] = [];
  const visit = (node: Filter): void => {
    const operator = node.kind === 'comparison' ? node.operator : node.kind === 'present' ? 'pr' : node.kind;
    if (!supportedOperators.has(operator)) violations.push({ operator });
    switch (node.kind) {
      case 'comparison':
      case 'present':
        if (!filterableAttributes.has(node.attribute.toLowerCase()))
          violations.push({ attribute: node.attribute });
        return;
      case 'and':
      case 'or':
        for (const child of node.filters) visit(child);
        return;
      case 'not':
        visit(node.filter);
        return;
    }
  };
  visit(root);
  return violations;
}

/** The attributes Anaplan can filter on, in the spelling of its documentation. */
export const anaplanFilterableAttributes: readonly string[] = [...filterableAttributes.values()];
