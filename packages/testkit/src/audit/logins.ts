// Tests: ./audit-recording.test.ts

import type { SimulatorContext } from '../internal/context.js';
import type { SimUser } from '../state.js';

/** The actor of a failed login whose user cannot be told (an unknown name, a certificate that matched nobody). */
export const unknownActor = 'INTERNAL_0';

/** The userName a `Basic` credential names, if it decodes. */
function basicUserName(credential: string): string | undefined {
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/**
 * Records a `/token/authenticate`: `USR-8` for the user who signed in, `USR-9` for a refusal (as the user the
 * credential names when there is one, `INTERNAL_0` otherwise).
 */
export function recordLogin(
  context: SimulatorContext,
  scheme: string,
  credential: string,
  user: SimUser | undefined,
): void {
  const attempted =
    user ?? (scheme === 'Basic' ? context.state.findUserByName(basicUserName(credential) ?? '') : undefined);
  context.audit.record({
    eventTypeId: user ? 'USR-8' : 'USR-9',
    actorId: attempted?.id ?? unknownActor,
    ...(attempted ? { objectId: attempted.id } : {}),
    success: user !== undefined,
    additionalAttributes: { clientName: 'anaplan-sim', method: scheme },
  });
}
