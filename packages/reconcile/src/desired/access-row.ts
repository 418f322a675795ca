// Tests: ./internal/assemble.test.ts, ./sources/csv-source.test.ts

import { z } from 'zod';
import { describeEmailProblem } from './email-address.js';

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
