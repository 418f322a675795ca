// Tests: test/connect/connect-bundle.test.ts
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '@anaplan-access/core';
import { checkBeforeApply } from '../plan/internal/plan-check.js';
import type { ModelAccessOperation } from '../plan/operations.js';
import type { Plan } from '../plan/plan-types.js';
import type { AnaplanTargetModel } from '../target/anaplan-target-options.js';
import { modelAccessCsv } from '../target/internal/model-access-import.js';
import { type ConnectStep, runBat, runSh } from './internal/connect-scripts.js';
import { modelAccessEntry } from './internal/model-access-entry.js';

/** A model of an Anaplan Connect bundle: as `anaplanTarget` has it, plus the file its USERS import reads. */
export interface ConnectBundleModel
  extends Pick<AnaplanTargetModel, 'workspaceId' | 'modelId' | 'usersImport'> {
  /** The name or id of the file the USERS import reads (Connect's `-file`), e.g. `users.csv` or `113000000017`. */
  file: string;
}

/** Options of {@link exportConnectBundle}. */
export interface ConnectBundleOptions {
  /** The plan's models (the same objects as `anaplanTarget`'s `models`, each with its `file`). */
  models: ConnectBundleModel[];
  /**
   * How Connect signs in: a CA certificate and its private key (paths as Connect will see them), or a user. The
   * key's passphrase or the password is never written: the scripts read `ANAPLAN_KEY_PASSPHRASE` or
   * `ANAPLAN_PASSWORD` when they run (and `ANAPLAN_CERTIFICATE`, `ANAPLAN_PRIVATE_KEY`, `ANAPLAN_USER` override
   * these).
   */
  credentials: { certificate: string; privateKey: string } | { user: string };
  /** Connect's `-service`. @default 'https://api.anaplan.com' */
  service?: string | undefined;
  /** Connect's `-auth`. @default 'https://auth.anaplan.com' */
  auth?: string | undefined;
  /** Connect's `-chunksize`, in megabytes (1–50; Connect multiplies it by 1,000,000). @default 10 */
  chunkSizeMb?: number | undefined;
}

/** What {@link exportConnectBundle} wrote. */
export interface ConnectBundle {
  /** The bundle's folder. */
  dir: string;
  /** The plan's digest, which the scripts and `bundle.json` carry. */
  planDigest: string;
  /** One entry per model with model-access operations, in the order the scripts run them. */
  models: {
    modelId: string;
    /** The CSV's file name in the bundle. */
    csv: string;
    sha256: string;
    /** The operations the CSV carries. */
    operations: string[];
    /** Operations whose row the CSV writer refused (they are not in the CSV), with why. */
    refused: { operationId: string; reason: string }[];
  }[];
  /** The SCIM operations the bundle cannot carry: run them first with `apply(plan, { only: 'scim' })`. */
  scimOperations: number;
}

const optionKeys = ['models', 'credentials', 'service', 'auth', 'chunkSizeMb'];

/**
 * Writes an Anaplan Connect bundle for the model access of a plan, for pipelines that must set it with Connect:
 * each model's USERS CSV (the rows `apply` would import), `run.sh` and `run.bat` that run Connect once per model
 * with the flags in Connect's order, a `bundle.json` with the plan's digest and the CSVs' SHA-256, and a README.
 * The scripts refuse to run when a CSV changed, and exit non-zero at the first model whose Connect exits non-zero,
 * whose log says the operation failed or was cancelled, or whose dump is not empty (Connect exits 0 on a failed
 * import). Users and workspaces (SCIM) cannot go through Connect: run `apply(plan, { only: 'scim' })` first, then
 * the bundle, then make a new plan, which shows whatever is left.
 *
 * @example
 * ```ts
 * await apply(p, { target, only: 'scim' });
 * const bundle = await exportConnectBundle(p, 'out/connect', {
 *   models: [{ ...model, file: 'users.csv' }],
 *   credentials: { certificate: 'certs/cert.pem', privateKey: 'certs/key.pem' },
 * });
 * // then, where Anaplan Connect is installed: ANAPLAN_CONNECT=/opt/anaplan-connect/AnaplanClient.sh out/connect/run.sh
 * ```
 * @throws `ConfigurationError` for an unknown or invalid option, a plan model without a `models` entry, a value
 *   `run.bat` cannot quote (a `"` or `^`), or a `dir` that is not empty.
 * @throws `PlanRefusedError` for a plan that is blocked or was edited after it was made.
 * @group Plan and apply
 */
export async function exportConnectBundle(
  plan: Plan,
  dir: string,
  options: ConnectBundleOptions,
): Promise<ConnectBundle> {
  const checked = checkOptions(options);
  checkBeforeApply(plan);
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0)
    throw new ConfigurationError(
      'dir',
      `exportConnectBundle: ${dir} is not empty; give a new folder per plan`,
    );
  const byModel = new Map<string, ModelAccessOperation[]>();
  for (const operation of plan.operations)
    if (operation.kind === 'model.access.set' || operation.kind === 'model.access.revoke')
      byModel.set(operation.modelId, [...(byModel.get(operation.modelId) ?? []), operation]);
  const models = new Map(options.models.map((model) => [model.modelId, model]));
  const order = [
    ...plan.scope.models.map((model) => model.modelId).filter((id) => byModel.has(id)),
    ...[...byModel.keys()].filter((id) => !plan.scope.models.some((model) => model.modelId === id)),
  ];
  await mkdir(dir, { recursive: true });
  const steps: ConnectStep[] = [];
  const written: ConnectBundle['models'] = [];
  for (const modelId of order) {
    const model = models.get(modelId);
    if (model === undefined)
      throw new ConfigurationError(
        'models',
        `exportConnectBundle: the plan changes model ${modelId}, which models does not list`,
      );
    const operations = byModel.get(modelId) ?? [];
    const entries = operations.map(modelAccessEntry);
    const { csv, rejected } = modelAccessCsv(model, entries);
    const refused = operations.flatMap((operation) => {
      const reasons = rejected.get(operation.userName.toLowerCase());
      return reasons ? [{ operationId: operation.id, reason: reasons.join('; ') }] : [];
    });
    if (csv === undefined) {
      written.push({ modelId, csv: '', sha256: '', operations: [], refused });
      continue;
    }
    const name = `users_${modelId}.csv`;
    await writeFile(join(dir, name), csv);
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const carried = operations.filter((operation) => !rejected.has(operation.userName.toLowerCase()));
    written.push({
      modelId,
      csv: name,
      sha256,
      operations: carried.map((operation) => operation.id),
      refused,
    });
    const modelName = plan.scope.models.find((scoped) => scoped.modelId === modelId)?.name ?? modelId;
    steps.push({
      label: `model ${modelName} (${modelId})`,
      modelId,
      workspaceId: model.workspaceId,
      csv: name,
      sha256,
      file: model.file,
      importId: model.usersImport.importId,
    });
  }
  const input = { planDigest: plan.digest, steps, ...checked };
  const scimOperations = plan.operations.filter(
    (operation) =>
      operation.kind !== 'manual' &&
      operation.kind !== 'model.access.set' &&
      operation.kind !== 'model.access.revoke',
  ).length;
  await writeFile(join(dir, 'run.sh'), runSh(input));
  await chmod(join(dir, 'run.sh'), 0o755);
  await writeFile(join(dir, 'run.bat'), runBat(input));
  const bundle: ConnectBundle = { dir, planDigest: plan.digest, models: written, scimOperations };
  const { dir: _dir, ...manifest } = bundle;
  await writeFile(
    join(dir, 'bundle.json'),
    `${JSON.stringify({ ...manifest, createdAt: plan.createdAt }, null, 2)}\n`,
  );
  await writeFile(join(dir, 'README.md'), readme(bundle));
  return bundle;
}

function checkOptions(options: ConnectBundleOptions): {
  credentials: ConnectBundleOptions['credentials'];
  service: string;
  auth: string;
  chunkSizeMb: number;
} {
  if (typeof options !== 'object' || options === null)
    throw new ConfigurationError('options', 'exportConnectBundle needs an options object');
  const unknown = Object.keys(options).find((key) => !optionKeys.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown exportConnectBundle option "${unknown}". Valid options: ${optionKeys.join(', ')}`,
    );
  const {
    credentials,
    service = 'https://api.anaplan.com',
    auth = 'https://auth.anaplan.com',
    chunkSizeMb = 10,
  } = options;
  if (!Array.isArray(options.models))
    throw new ConfigurationError('models', 'exportConnectBundle: "models" must be an array');
  if (!Number.isInteger(chunkSizeMb) || chunkSizeMb < 1 || chunkSizeMb > 50)
    throw new ConfigurationError(
      'chunkSizeMb',
      'exportConnectBundle: "chunkSizeMb" is a whole number of megabytes from 1 to 50',
    );
  const valid =
    typeof credentials === 'object' &&
    credentials !== null &&
    (('user' in credentials && typeof credentials.user === 'string' && credentials.user !== '') ||
      ('certificate' in credentials &&
        typeof credentials.certificate === 'string' &&
        typeof credentials.privateKey === 'string' &&
        credentials.certificate !== '' &&
        credentials.privateKey !== ''));
  if (!valid)
    throw new ConfigurationError(
      'credentials',
      'exportConnectBundle: "credentials" is { certificate, privateKey } (paths) or { user }',
    );
  const quoted: [string, unknown][] = [
    ['service', service],
    ['auth', auth],
    ...Object.entries(credentials).map(([key, value]): [string, unknown] => [`credentials.${key}`, value]),
    ...options.models.flatMap((model, index): [string, unknown][] => [
      [`models[${index}].workspaceId`, model?.workspaceId],
      [`models[${index}].modelId`, model?.modelId],
      [`models[${index}].file`, model?.file],
      [`models[${index}].usersImport.importId`, model?.usersImport?.importId],
    ]),
  ];
  for (const [field, value] of quoted)
    if (typeof value !== 'string' || value === '' || /["^\r\n]/.test(value))
      throw new ConfigurationError(
        field,
        `exportConnectBundle: "${field}" must be a non-empty string without ", ^ or a line break (run.bat cannot pass them to Connect)`,
      );
  return { credentials, service, auth, chunkSizeMb };
}

function readme(bundle: ConnectBundle): string {
  const models = bundle.models
    .map((model) =>
      model.csv === ''
        ? `- model ${model.modelId}: no CSV (every row was refused)`
        : `- model ${model.modelId}: \`${model.csv}\`, ${model.operations.length} operation(s), sha256 ${model.sha256}`,
    )
    .join('\n');
  const refused = bundle.models.flatMap((model) => model.refused);
  return `# Anaplan Connect bundle

Made by anaplan-access for plan \`${bundle.planDigest}\`.

## Run it in this order

1. **The SCIM operations first.** Anaplan Connect cannot create users, change their names, add them to workspaces or
   deactivate them. Run them with anaplan-access on the same saved plan: \`apply(plan, { target, only: 'scim' })\`
   (${bundle.scimOperations} operation(s) in this plan). A user the model access is for must exist and be in the
   workspace before Connect imports their row.
2. **Then this bundle**, where Anaplan Connect is installed: \`ANAPLAN_CONNECT=/path/to/AnaplanClient.sh ./run.sh\`
   (or \`run.bat\` on Windows, with \`ANAPLAN_CONNECT\` set to \`AnaplanClient.bat\`). Credentials come from the
   environment: \`ANAPLAN_PASSWORD\` (with \`ANAPLAN_USER\`), or \`ANAPLAN_KEY_PASSPHRASE\` (with
   \`ANAPLAN_CERTIFICATE\` and \`ANAPLAN_PRIVATE_KEY\`); \`ANAPLAN_SERVICE\` and \`ANAPLAN_AUTH\` override the API
   and auth URLs.
3. **Then make a new plan, and apply it.** It holds what waited for the model access (removing a leaver from a
   workspace after their model access was revoked, deactivating them), SCIM operations that \`only: 'scim'\` runs,
   and any row that failed, which shows up again as a model access change.

## What the scripts check

- Before anything runs, every CSV's SHA-256 must match the one recorded here and in \`bundle.json\`: a CSV changed
  after the plan was reviewed stops the script (exit 3) before Connect is called.
- The models run one after another and the script stops at the first failure: Connect exiting non-zero (its own
  code), the log saying "The operation failed" (exit 4) or "The operation was cancelled" (exit 5), or a non-empty dump
  in \`dumps/\` (exit 6: rows rejected or loaded with warnings). Connect itself exits 0 when an import fails.
- Logs are in \`logs/\`, dumps in \`dumps/\`.

## Models

${models || '- none: the plan sets no model access'}
${refused.length === 0 ? '' : `\n## Rows not in the CSVs\n\n${refused.map((entry) => `- \`${entry.operationId}\`: ${entry.reason}`).join('\n')}\n`}`;
}
