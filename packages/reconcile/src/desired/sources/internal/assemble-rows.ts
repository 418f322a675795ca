// Tests: ../csv-source.test.ts, ../sql-source.test.ts, ../anaplan-model-source.test.ts

import { userNameKey } from '@anaplan-access/core';
import type { Finding } from '../../../findings.js';
import type { DesiredState } from '../../desired-state.js';
import { visibleEmail } from '../../email-address.js';
import { assembleDesiredState, type RawRow } from '../../internal/assemble.js';

/**
 * Assembles rows into a desired state, adding the row findings a source made itself (a cell of the wrong type, an
 * oversized field, a record with the wrong number of fields …). Like an invalid row found by the schema, such a
 * row leaves its whole user out, so that nothing half-specified reaches the plan.
 */
export function assembleWithRowFindings(
  source: string,
  rows: Iterable<RawRow>,
  rowFindings: Finding[],
): DesiredState {
  const state = assembleDesiredState(source, rows);
  if (rowFindings.length === 0) return state;
  const keyOf = (userName: string | undefined) =>
    userName === undefined ? undefined : userNameKey(userName);
  const poisoned = new Set(rowFindings.map((finding) => keyOf(finding.userName)));
  const isPoisoned = (userName: string | undefined) => poisoned.has(keyOf(userName));
  return {
    source: state.source,
    users: state.users.filter((user) => !isPoisoned(user.userName)),
    findings: [
      ...rowFindings,
      ...state.findings.filter((finding) => !(isPoisoned(finding.userName) && isConsequence(finding))),
    ],
  };
}

/**
 * Whether a finding only says that something is missing from a user — which, for a user with a bad row, may well
 * be on that row (the assembly applies the same rule to the rows it rejects itself).
 */
function isConsequence(finding: Finding): boolean {
  if (finding.kind === 'missing-user-details') return true;
  return finding.kind === 'invalid-row' && /^models\..+\.role$/.test(finding.field ?? '');
}

/**
 * The e-mail on a raw row, when there is a usable one, to name the user of a row finding: as a person sees it
 * (invisible and space characters left out), so that the user the row was meant for is left as they are.
 */
export function emailOf(value: unknown): string | undefined {
  const email = typeof value === 'string' ? visibleEmail(value) : '';
  return email !== '' ? email : undefined;
}
