import { z } from 'zod';
import type { Finding } from './findings.js';
import { codePoint } from './internal/code-point.js';

/**
 * Where a piece of desired state came from, so that every finding can name the row a person has to fix.
 */
export interface SourceRef {
  /** The source, e.g. `access.csv`, `sql:access_users`, `anaplan-export:Users Access`. */
  source: string;
  /** 1-based row number within that source (for a CSV: the line of the record, the header being line 1). */
  row: number;
}

/** Selective access on one list: the items a user may read and the items they may write. */
export interface ListAccess {
  read: string[];
  write: string[];
}

/** What a user should have in one model. */
export interface DesiredModelAccess {
  /** Model role, e.g. `Planner`. `No Access` removes the user from the model. */
  role: string;
  /** Single sign-on flag in this model. @default false */
  sso: boolean;
  /**
   * Workspace Administrator flag (it belongs to the model's workspace). Imported only where the target declares
   * that the model's USERS import sets it; otherwise a difference is a `manual` operation. @default false
   */
  workspaceAdmin: boolean;
  /** List name → items. Lists not named are left as they are in Anaplan only when the role is kept. */
  selectiveAccess: Record<string, ListAccess>;
}

/** One user as the source wants them. */
export interface DesiredUser {
  /** The e-mail login; compared ignoring case and Unicode normalization (`userNameKey` of `@anaplan-access/core`). */
  userName: string;
  givenName: string;
  familyName: string;
  /** @default true */
  active: boolean;
  externalId?: string | undefined;
  /** Workspaces (ids, or names resolved against the target) the user should belong to. */
  workspaces: string[];
  /** Model (id, or name resolved against the target) → access. */
  models: Record<string, DesiredModelAccess>;
  /** Every source row that contributed to this user. */
  refs: SourceRef[];
}

/** The desired state a source loaded: valid users, plus findings for the rows that could not be used. */
export interface DesiredState {
  /** Describes the source, e.g. `csv:access.csv`. */
  source: string;
  users: DesiredUser[];
  findings: Finding[];
}

/** Text, or undefined for null/undefined/blank; numbers and bigints become their decimal text. */
const optionalText = z.unknown().transform((value, context): string | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  context.addIssue({ code: 'custom', message: `expected text, got ${typeof value}` });
  return z.NEVER;
});

const truthy = new Set(['true', 'yes', 'y', '1', 't']);
const falsy = new Set(['false', 'no', 'n', '0', 'f']);

/** true/false, yes/no, 1/0 (as booleans, numbers, bigints or text); undefined for null/undefined/blank. */
const optionalBoolean = z.unknown().transform((value, context): boolean | undefined => {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (truthy.has(text)) return true;
  if (falsy.has(text)) return false;
  context.addIssue({
    code: 'custom',
    message: `expected true/false, yes/no or 1/0, got "${String(value).slice(0, 40)}"`,
  });
  return z.NEVER;
});

/**
 * One flat row of access data, the common shape every source produces. A row may carry a user's details, one
 * workspace membership, one model role and/or one selective-access item; rows with the same e-mail are merged.
 * Empty cells mean "not stated here". This is also the CSV format of {@link csvSource} (header names below).
 *
 * | column | meaning |
 * |---|---|
 * | `email` | the user's e-mail login (required on every row) |
 * | `first_name`, `last_name` | names (required once per user) |
 * | `active` | `true`/`false` (default true) |
 * | `external_id` | the IGA's id for the user |
 * | `workspace` | a workspace id or name the user belongs to |
 * | `model` | a model id or name |
 * | `role` | the model role (with `model`) |
 * | `sso` | `true`/`false` single sign-on in that model |
 * | `workspace_admin` | `true`/`false` Workspace Administrator in that model |
 * | `list`, `item`, `access` | one selective-access item: list name, item name, `read` or `write` |
 *
 * @example
 * ```ts
 * const row = AccessRowSchema.safeParse({ email: 'jane@example.com', model: 'FP&A', role: 'Planner', sso: 'yes' });
 * if (row.success) console.log(row.data.sso); // true
 * ```
 */
export const AccessRowSchema = z
  .strictObject({
    email: optionalText.optional().transform((value) => value ?? ''),
    first_name: optionalText.optional(),
    last_name: optionalText.optional(),
    active: optionalBoolean.optional(),
    external_id: optionalText.optional(),
    workspace: optionalText.optional(),
    model: optionalText.optional(),
    role: optionalText.optional(),
    sso: optionalBoolean.optional(),
    workspace_admin: optionalBoolean.optional(),
    list: optionalText.optional(),
    item: optionalText.optional(),
    access: optionalText
      .transform((value, context): 'read' | 'write' | undefined => {
        const level = value?.toLowerCase();
        if (level === undefined || level === 'read' || level === 'write') return level;
        context.addIssue({ code: 'custom', message: `expected read or write, got "${value?.slice(0, 40)}"` });
        return z.NEVER;
      })
      .optional(),
  })
  .superRefine((row, context) => {
    const emailProblem = row.email === '' ? 'email is required' : describeEmailProblem(row.email);
    if (emailProblem !== undefined)
      context.addIssue({ code: 'custom', path: ['email'], message: emailProblem });
    const hasModelField =
      row.role !== undefined || row.sso !== undefined || row.workspace_admin !== undefined;
    if (hasModelField && row.model === undefined)
      context.addIssue({
        code: 'custom',
        path: ['model'],
        message: 'role, sso and workspace_admin need a model',
      });
    const saFields = [row.list, row.item, row.access].filter((value) => value !== undefined).length;
    if (saFields > 0 && saFields < 3)
      context.addIssue({ code: 'custom', path: ['list'], message: 'list, item and access go together' });
    if (saFields === 3 && row.model === undefined)
      context.addIssue({ code: 'custom', path: ['model'], message: 'selective access needs a model' });
  });

/** A validated {@link AccessRowSchema} row. */
export type AccessRow = z.output<typeof AccessRowSchema>;

/** The column names of {@link AccessRowSchema}, in the order `csvSource` writes them. */
export const accessRowColumns = Object.keys(AccessRowSchema.shape) as (keyof AccessRow)[];

const emailPattern = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]{2,}$/;

/**
 * Characters no e-mail login may hold: control, format (Unicode category Cf, such as U+200B ZERO WIDTH SPACE or the
 * bidirectional controls), surrogate, private-use and unassigned code points (all of category C), separators and
 * other white space (category Z, `\s`), and default-ignorable code points (variation selectors, the Hangul
 * fillers …). Each of them is invisible or renders as a space, so two logins that look the same could differ by one.
 */
const hiddenCharacter = /[\p{C}\p{Z}\s\p{Default_Ignorable_Code_Point}]/u;
const hiddenCharacters = new RegExp(hiddenCharacter.source, 'gu');

/**
 * A pragmatic e-mail check: one `@`, no spaces or specials, a dot in the domain, at most 254 characters, and no
 * invisible, control or space character anywhere (see {@link describeEmailProblem}).
 *
 * @example
 * ```ts
 * isEmail('jane@example.com'); // true
 * isEmail('jane\u200B@example.com'); // false: a zero-width space
 * ```
 */
export function isEmail(value: string): boolean {
  return describeEmailProblem(value) === undefined;
}

/**
 * Why `value` is not a usable e-mail login, in a sentence that shows any invisible character as its code point
 * (`jane<U+200B>@example.com`); undefined when it is one.
 */
export function describeEmailProblem(value: string): string | undefined {
  if (hiddenCharacter.test(value)) {
    const found = [...new Set(value.match(hiddenCharacters))].map(codePoint);
    return `"${showHidden(value)}" is not an e-mail address: it contains ${found.join(', ')} (invisible, control or space characters)`;
  }
  if (value.length > 254 || !emailPattern.test(value)) return `"${value}" is not an e-mail address`;
  return undefined;
}

/**
 * The login a person sees in `value`: its invisible, control and space characters removed. A row whose e-mail is
 * refused for such a character still names this user, so that the user it was meant for is left as they are
 * rather than read as gone from the source.
 */
export function visibleEmail(value: string): string {
  return value.replace(hiddenCharacters, '');
}

function showHidden(value: string): string {
  return value.replace(hiddenCharacters, (character) => `<${codePoint(character)}>`);
}
