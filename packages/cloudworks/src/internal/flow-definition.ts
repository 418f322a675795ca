// Tests: test/cloudworks/cloudworks-client.test.ts, test/cloudworks/storage-runs.test.ts
import { ConfigurationError } from '@anaplan-access/core';
import type { CloudWorksFlow, CloudWorksFlowDefinition } from '../flows/flow-types.js';

/** The request body of `POST`/`PUT /integrationflows`, checked; steps depend on the previous one by default. @internal */
export function flowBody(definition: CloudWorksFlowDefinition): Record<string, unknown> {
  if (typeof definition?.name !== 'string' || definition.name.trim() === '')
    throw new ConfigurationError('name', 'A flow needs a name');
  if (!Array.isArray(definition.steps) || definition.steps.filter((step) => !step?.skip).length < 2)
    throw new ConfigurationError('steps', 'A flow needs at least two steps that are not skipped');
  const steps = definition.steps.map((step, index) => {
    if (typeof step.integrationId !== 'string' || step.integrationId === '')
      throw new ConfigurationError(`steps.${index}.integrationId`, `Step ${index} needs an integrationId`);
    const previous = definition.steps[index - 1]?.integrationId;
    return {
      type: 'Integration',
      referrer: step.integrationId,
      dependsOn: step.dependsOn ?? (previous === undefined ? [] : [previous]),
      isSkipped: step.skip ?? false,
      exceptionBehavior: [
        { type: 'failure', strategy: step.onFailure ?? 'stop' },
        { type: 'partial_success', strategy: step.onPartialSuccess ?? 'stop' },
      ],
    };
  });
  return {
    name: definition.name,
    version: '2.0',
    type: 'IntegrationFlow',
    nuxVisible: definition.nuxVisible ?? false,
    steps,
  };
}

/** Whether the flow as held has the steps `definition` asks for. @internal */
export function sameFlow(current: CloudWorksFlow, definition: CloudWorksFlowDefinition): boolean {
  const wanted = flowBody(definition)['steps'] as {
    referrer: string;
    dependsOn: string[];
    isSkipped: boolean;
    exceptionBehavior: { type: string; strategy: string }[];
  }[];
  const key = (step: (typeof wanted)[number]) =>
    JSON.stringify([
      step.referrer,
      [...step.dependsOn].sort(),
      step.isSkipped,
      [...step.exceptionBehavior].map((entry) => `${entry.type}:${entry.strategy}`).sort(),
    ]);
  return (
    current.steps.length === wanted.length &&
    current.steps.every((step, index) => key(step) === key(wanted[index]!))
  );
}
