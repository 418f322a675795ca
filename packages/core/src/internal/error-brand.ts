// Tests: ../errors/errors.test.ts

/**
 * The brand every error of this SDK carries, registered globally with `Symbol.for` so that it survives duplicate
 * installs and ESM/CJS double loads (where `instanceof` silently fails). Its value is the error's kind lineage.
 */
export const errorBrand: unique symbol = Symbol.for('anaplan-access.error') as never;

/** The kind lineage `value` carries under the brand (root kind first), or `undefined` for any other value. */
export function kindLineageOf(value: unknown): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const lineage = (value as { [errorBrand]?: unknown })[errorBrand];
  return Array.isArray(lineage) ? lineage : undefined;
}
