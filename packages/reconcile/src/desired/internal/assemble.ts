import { userNameKey } from '@anaplan-access/core';
import { AccessInterner } from '../../access-interner.js';
import { describeRefs, type Finding } from '../../findings.js';
import { compareText } from '../../internal/compare-text.js';
import { type AccessRow, AccessRowSchema } from '../access-row.js';
import type { DesiredModelAccess, DesiredState, DesiredUser } from '../desired-state.js';
import { visibleEmail } from '../email-address.js';
import type { SourceRef } from '../source-ref.js';

/** A raw row handed over by a source, with where it came from. */
export interface RawRow {
  values: Record<string, unknown>;
  ref: SourceRef;
}

type Slot<T> = { value: T; ref: SourceRef } | undefined;
type Conflict = (field: string, first: SourceRef, before: unknown, after: unknown) => void;

/** Keeps the first value stated for a field and reports a later, different one as a conflict. */
function claim<T>(
  slot: Slot<T>,
  value: T | undefined,
  ref: SourceRef,
  field: string,
  conflict: Conflict,
): Slot<T> {
  if (value === undefined) return slot;
  if (slot === undefined) return { value, ref };
  if (slot.value !== value) conflict(field, slot.ref, slot.value, value);
  return slot;
}

interface Draft {
  spellings: Map<string, SourceRef[]>;
  refs: SourceRef[];
  givenName?: Slot<string>;
  familyName?: Slot<string>;
  active?: Slot<boolean>;
  externalId?: Slot<string>;
  workspaces: Set<string>;
  models: Map<string, DraftModel>;
  errors: Finding[];
}

interface DraftModel {
  role?: Slot<string>;
  sso?: Slot<boolean>;
  workspaceAdmin?: Slot<boolean>;
  /** list → item → level */
  items: Map<string, Map<string, Slot<'read' | 'write'>>>;
}

/**
 * Validates raw rows and merges them into users. Every problem becomes a finding naming the source row; a user with
 * any error-level finding is left out entirely, so nothing half-specified reaches the plan. Never throws on data.
 */
export function assembleDesiredState(source: string, rows: Iterable<RawRow>): DesiredState {
  const findings: Finding[] = [];
  const drafts = new Map<string, Draft>();
  /** Invalid-row findings, already in `findings` when their user is finished. */
  const reported = new Set<Finding>();

  for (const { values, ref } of rows) {
    const parsed = AccessRowSchema.safeParse(values);
    if (!parsed.success) {
      // A row refused for its e-mail (an invisible character in it …) still names the user it was meant for.
      const email = typeof values.email === 'string' ? visibleEmail(values.email) : undefined;
      for (const issue of parsed.error.issues) {
        const field =
          issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '');
        findings.push({
          kind: 'invalid-row',
          severity: 'error',
          message: `${ref.source} row ${ref.row}: ${field ? `${field}: ` : ''}${issue.message}`,
          userName: email || undefined,
          field: field || undefined,
          refs: [ref],
        });
      }
      // A bad row poisons its user: the rest of that user's rows must not be applied without it.
      if (email) {
        const finding = findings.at(-1) as Finding;
        reported.add(finding);
        draftFor(drafts, email).errors.push(finding);
      }
      continue;
    }
    mergeRow(draftFor(drafts, parsed.data.email), parsed.data, ref);
  }

  const users: { key: string; user: DesiredUser }[] = [];
  const interner = new AccessInterner();
  for (const [key, draft] of drafts) {
    const userFindings = finish(key, draft);
    findings.push(...userFindings.filter((finding) => !reported.has(finding)));
    if (userFindings.some((finding) => finding.severity === 'error')) continue;
    users.push({ key, user: toUser(draft, interner) });
  }
  // In order of identity key: the order the planner walks users in.
  users.sort((left, right) => compareText(left.key, right.key));
  return { source, users: users.map(({ user }) => user), findings };
}

/** The draft of the user with this e-mail; e-mails are compared as {@link userNameKey} does. */
function draftFor(drafts: Map<string, Draft>, email: string): Draft {
  const key = userNameKey(email);
  let draft = drafts.get(key);
  if (!draft) {
    draft = { spellings: new Map(), refs: [], workspaces: new Set(), models: new Map(), errors: [] };
    drafts.set(key, draft);
  }
  return draft;
}

function mergeRow(draft: Draft, row: AccessRow, ref: SourceRef): void {
  draft.refs.push(ref);
  const spelled = draft.spellings.get(row.email) ?? [];
  spelled.push(ref);
  draft.spellings.set(row.email, spelled);
  const conflict: Conflict = (field, first, before, after) =>
    draft.errors.push({
      kind: 'conflicting-rows',
      severity: 'error',
      message: `${row.email}: ${field} is "${String(before)}" in ${describeRefs([first])} but "${String(after)}" in ${describeRefs([ref])}`,
      userName: row.email,
      field,
      refs: [first, ref],
    });
  draft.givenName = claim(draft.givenName, row.first_name, ref, 'first_name', conflict);
  draft.familyName = claim(draft.familyName, row.last_name, ref, 'last_name', conflict);
  draft.active = claim(draft.active, row.active, ref, 'active', conflict);
  draft.externalId = claim(draft.externalId, row.external_id, ref, 'external_id', conflict);
  if (row.workspace !== undefined) draft.workspaces.add(row.workspace);
  if (row.model === undefined) return;

  let model = draft.models.get(row.model);
  if (!model) {
    model = { items: new Map() };
    draft.models.set(row.model, model);
  }
  model.role = claim(model.role, row.role, ref, `models.${row.model}.role`, conflict);
  model.sso = claim(model.sso, row.sso, ref, `models.${row.model}.sso`, conflict);
  model.workspaceAdmin = claim(
    model.workspaceAdmin,
    row.workspace_admin,
    ref,
    `models.${row.model}.workspace_admin`,
    conflict,
  );
  if (row.list !== undefined && row.item !== undefined && row.access !== undefined) {
    let items = model.items.get(row.list);
    if (!items) {
      items = new Map();
      model.items.set(row.list, items);
    }
    const field = `models.${row.model}.selectiveAccess.${row.list}.${row.item}`;
    items.set(
      row.item,
      claim(items.get(row.item), row.access, ref, field, conflict) as Slot<'read' | 'write'>,
    );
  }
}

function finish(key: string, draft: Draft): Finding[] {
  const findings = [...draft.errors];
  const userName = [...draft.spellings.keys()][0] ?? key;
  if (draft.spellings.size > 1) {
    findings.push({
      kind: 'duplicate-user',
      severity: 'error',
      message: `${[...draft.spellings.keys()].map((spelling) => `"${spelling}"`).join(' and ')} are the same user (e-mails compare ignoring case and Unicode normalization) in ${describeRefs(draft.refs)}`,
      userName,
      field: 'email',
      refs: draft.refs,
    });
  }
  // After an invalid row, what is "missing" may well be on that row: report only the row.
  if (draft.errors.some((finding) => finding.kind === 'invalid-row')) return findings;
  if (draft.givenName === undefined || draft.familyName === undefined) {
    findings.push({
      kind: 'missing-user-details',
      severity: 'error',
      message: `${userName}: no ${draft.givenName === undefined ? 'first_name' : 'last_name'} in ${describeRefs(draft.refs)}`,
      userName,
      field: draft.givenName === undefined ? 'first_name' : 'last_name',
      refs: draft.refs,
    });
  }
  for (const [modelName, model] of draft.models) {
    if (model.role === undefined) {
      findings.push({
        kind: 'invalid-row',
        severity: 'error',
        message: `${userName}: model "${modelName}" has access rows but no role in ${describeRefs(draft.refs)}`,
        userName,
        field: `models.${modelName}.role`,
        refs: draft.refs,
      });
    }
  }
  return findings;
}

/** The finished user; equal model access and repeated workspace names are shared between users. */
function toUser(draft: Draft, interner: AccessInterner): DesiredUser {
  const models: Record<string, DesiredModelAccess> = {};
  for (const [modelName, model] of draft.models) {
    const selectiveAccess: DesiredModelAccess['selectiveAccess'] = {};
    for (const [list, items] of model.items) {
      const access = { read: [] as string[], write: [] as string[] };
      for (const [item, slot] of items) if (slot) access[slot.value].push(item);
      access.read.sort(compareText);
      access.write.sort(compareText);
      selectiveAccess[list] = access;
    }
    models[modelName] = interner.access({
      role: model.role?.value ?? 'No Access',
      sso: model.sso?.value ?? false,
      workspaceAdmin: model.workspaceAdmin?.value ?? false,
      selectiveAccess,
    });
  }
  return {
    userName: [...draft.spellings.keys()][0] ?? '',
    givenName: draft.givenName?.value ?? '',
    familyName: draft.familyName?.value ?? '',
    active: draft.active?.value ?? true,
    externalId: draft.externalId?.value,
    workspaces: [...draft.workspaces].sort(compareText).map((workspace) => interner.string(workspace)),
    models,
    refs: draft.refs,
  };
}
