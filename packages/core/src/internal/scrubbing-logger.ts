// Tests: ../transport/transport.test.ts, ../secrets.test.ts

import type { Logger, LogMethod } from '../logger.js';
import { redactValue } from './redact-value.js';
import { scrubText } from './redaction.js';

const levels = ['debug', 'info', 'warn', 'error'] as const;

/**
 * Wraps a logger so that every field and message is scrubbed of the current known secrets (and of
 * credential-named keys) before it reaches the user's logger. A throwing logger never breaks a request.
 */
export function createScrubbingLogger(logger: Logger, secrets: () => Iterable<string>): Logger {
  const wrap = (level: (typeof levels)[number]): LogMethod => {
    return (fields, message) => {
      try {
        const known = [...secrets()];
        logger[level].call(
          logger,
          redactValue(fields, known) as Record<string, unknown>,
          scrubText(message, known),
        );
      } catch {
        // Logging must never change the outcome of a request.
      }
    };
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
