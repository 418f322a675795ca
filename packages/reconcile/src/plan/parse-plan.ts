import { verifyPlan } from './internal/plan-check.js';
import { refusePlan } from './plan-refused-error.js';
import { type Plan, planFormatVersion } from './plan-types.js';

/**
 * Reads a plan saved with `renderPlan(p, { format: 'json' })` and checks it: the format version, the digest of its
 * content, and that its guard, `blocked` flag and counts follow from its operations and recorded policy.
 *
 * @example
 * ```ts
 * await writeFile('plan.json', renderPlan(p, { format: 'json' }));
 * // … after review …
 * await apply(parsePlan(await readFile('plan.json', 'utf8')), { target }); // refused if Anaplan changed since
 * ```
 * @throws {PlanRefusedError} `format` when the text is not JSON or not a plan of a format version this release
 * reads (plans of format 1.0 included: make a new plan); `tampered` when its content was changed after it was made.
 * @group Plan and apply
 */
export function parsePlan(text: string): Plan {
  let value: Partial<Plan> | null;
  try {
    value = JSON.parse(text) as Partial<Plan> | null;
  } catch (error) {
    throw refusePlan('format', `parsePlan: the text is not JSON (${(error as Error).message}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw refusePlan('format', 'parsePlan: the text is not a plan (a JSON object is expected).');
  const version = value.formatVersion;
  const [major, minor] = String(version ?? '').split('.');
  const [ownMajor, ownMinor] = planFormatVersion.split('.');
  if (version === undefined || major !== ownMajor)
    throw refusePlan(
      'format',
      `parsePlan: the plan is of format version ${version === undefined ? '(none)' : String(version)}; this release reads ${planFormatVersion} (${Number(major) < Number(ownMajor) ? 'an older plan: its deletion guard and digest cannot be checked' : 'not a plan this release understands'}).`,
    );
  if (Number(minor) > Number(ownMinor))
    throw refusePlan(
      'format',
      `parsePlan: the plan is of format version ${String(version)}, newer than this release reads (${planFormatVersion}).`,
    );
  if (
    !Array.isArray(value.operations) ||
    typeof value.fingerprints !== 'object' ||
    typeof value.digest !== 'string'
  )
    throw refusePlan(
      'tampered',
      'parsePlan: the plan lacks its operations, fingerprints or digest: it was changed after it was made.',
    );
  verifyPlan(value as Plan);
  return value as Plan;
}
