import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSkip } from './skip-notice.js';

/**
 * The third-party reference specs and live captures: `../shared/reference/anaplan-openapi/` beside this repository
 * (read at test time, never copied into the project).
 */
const referenceUrl = new URL('../../../shared/reference/anaplan-openapi/', import.meta.url);
export const referenceDirectory = fileURLToPath(referenceUrl);

/** The absolute path of a reference file, e.g. `scim-openapi.yaml`. */
export function referencePath(fileName: string): string {
  return fileURLToPath(new URL(fileName, referenceUrl));
}

/**
 * Whether the reference files a test file needs are present. When some are missing, the tests that need them are
 * skipped and this says so in the default output (one line naming the files and where they were looked for). Under
 * `CI=true` a missing reference is an error instead: CI always has `../shared`, so a skip there would hide a
 * broken checkout.
 *
 * @throws {Error} under `CI=true` when a file is missing.
 */
export function haveReference(fileNames: readonly string[], what: string): boolean {
  const missing = fileNames.filter((fileName) => !existsSync(referencePath(fileName)));
  if (missing.length === 0) return true;
  const reason = `reference ${missing.join(', ')} not found in ${referenceDirectory}`;
  if (process.env['CI'] === 'true') throw new Error(`${what}: ${reason} (CI=true requires the reference)`);
  printSkip(what, reason);
  return false;
}
