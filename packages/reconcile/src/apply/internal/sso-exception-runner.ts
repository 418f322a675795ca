// Tests: test/e2e/sso-exceptions.e2e.test.ts

import type { ApplyRun } from './apply-run.js';

/**
 * Phase `sso-exceptions`: assigns and unassigns SSO exception users, one call per operation (the Exception Users
 * API, or a one-row USERS import, as the operation says), after model access and before deactivations. Imports
 * run one at a time.
 */
export async function runSsoExceptions(run: ApplyRun): Promise<void> {
  const { target, signal } = run;
  const operations = run.phaseOperations('sso-exceptions', [
    'sso.exception.assign',
    'sso.exception.unassign',
  ]);
  const send = async (operation: (typeof operations)[number]) => {
    if (!target.setSsoException)
      return {
        status: 'failed' as const,
        error: 'the target cannot change SSO exception users (anaplanTarget needs its ssoExceptions option)',
      };
    const { via } = operation;
    const { failed } = await target.setSsoException(
      {
        userId: run.userId(operation) as string,
        userName: operation.userName,
        workspaceId: operation.workspaceId,
        exception: operation.after.exception,
        via: via.kind === 'api' ? via : { kind: 'import', modelId: via.modelId },
      },
      { signal },
    );
    return failed === undefined ? undefined : ({ status: 'failed', error: failed } as const);
  };
  // API calls run side by side; imports one after another, since two runs of one model's import share its file.
  await run.eachOperation(
    operations.filter((operation) => operation.via.kind === 'api'),
    send,
  );
  for (const operation of operations)
    if (operation.via.kind === 'import') await run.eachOperation([operation], send);
}
