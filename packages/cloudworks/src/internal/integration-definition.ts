// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { ConfigurationError } from '@anaplan-access/core';
import type {
  CloudWorksIntegration,
  CloudWorksIntegrationDefinition,
  CloudWorksJob,
  CloudWorksJobEndpoint,
} from '../integrations/integration-types.js';

const definitionKeys = ['name', 'workspaceId', 'modelId', 'processId', 'nuxVisible', 'jobs'];
/** The fields of a job end a definition sets; the API adds read-only ones (`connectionName`, `bucketName` …). */
const endpointKeys = ['type', 'connectionId', 'file', 'table', 'actionId', 'fileId', 'overwrite'] as const;

/** The request body of `POST`/`PUT /integrations`, checked. @internal */
export function integrationBody(definition: CloudWorksIntegrationDefinition): Record<string, unknown> {
  if (typeof definition !== 'object' || definition === null)
    throw new ConfigurationError('definition', 'An integration definition must be an object');
  const unknown = Object.keys(definition).find((key) => !definitionKeys.includes(key));
  if (unknown !== undefined)
    throw new ConfigurationError(
      unknown,
      `Unknown integration field "${unknown}". Valid fields: ${definitionKeys.join(', ')}`,
    );
  for (const key of ['name', 'workspaceId', 'modelId'] as const) {
    if (typeof definition[key] !== 'string' || definition[key].trim() === '')
      throw new ConfigurationError(key, `Integration field "${key}" must be a non-empty string`);
  }
  const jobs = definition.jobs ?? [];
  if (!Array.isArray(jobs)) throw new ConfigurationError('jobs', 'Integration field "jobs" must be an array');
  if (definition.processId === undefined && jobs.length === 0)
    throw new ConfigurationError(
      'jobs',
      'An import or export integration needs a job (a process integration needs processId)',
    );
  jobs.forEach((job, index) => {
    if (typeof job?.type !== 'string' || !Array.isArray(job.sources) || !Array.isArray(job.targets))
      throw new ConfigurationError(`jobs.${index}`, `Job ${index} needs a type, sources and targets`);
  });
  return {
    name: definition.name,
    version: '2.0',
    workspaceId: definition.workspaceId,
    modelId: definition.modelId,
    ...(definition.processId === undefined ? {} : { processId: definition.processId }),
    nuxVisible: definition.nuxVisible ?? false,
    ...(jobs.length === 0 && definition.processId !== undefined ? {} : { jobs: jobs.map(normalJob) }),
  };
}

function normalEndpoint(endpoint: CloudWorksJobEndpoint): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of endpointKeys) {
    const value = endpoint[key];
    if (value !== undefined && value !== null)
      kept[key] = key === 'actionId' || key === 'fileId' ? String(value) : value;
  }
  return kept;
}

function normalJob(job: CloudWorksJob): Record<string, unknown> {
  return {
    type: job.type,
    sources: job.sources.map(normalEndpoint),
    targets: job.targets.map(normalEndpoint),
    ...(job.mapping === undefined || job.mapping.length === 0 ? {} : { mapping: job.mapping }),
  };
}

/**
 * Whether the integration as the server holds it already is what `definition` asks for: the same name,
 * workspace, model, process, visibility and jobs (the fields a definition sets, read-only ones aside). @internal
 */
export function sameDefinition(
  current: CloudWorksIntegration,
  definition: CloudWorksIntegrationDefinition,
): boolean {
  const wanted = integrationBody(definition);
  const held = {
    name: current.name,
    workspaceId: current.workspaceId,
    modelId: current.modelId,
    processId: current.processId,
    nuxVisible: current.nuxVisible ?? false,
    jobs: current.jobs.map(normalJob),
  };
  return (
    held.name === wanted['name'] &&
    held.workspaceId === wanted['workspaceId'] &&
    held.modelId?.toUpperCase() === String(wanted['modelId']).toUpperCase() &&
    held.processId === wanted['processId'] &&
    held.nuxVisible === wanted['nuxVisible'] &&
    stableJson(held.jobs) === stableJson(wanted['jobs'] ?? [])
  );
}

/** JSON with object keys sorted, so that key order does not count as a difference. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([left], [right]) => left.localeCompare(right)))
      : item,
  );
}
