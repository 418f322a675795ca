// Tests: ./transport/transport.test.ts, ./secrets.test.ts

/**
 * One log method: structured fields first, then the message — pino's argument order, so a pino logger can be
 * passed as is, and so can `console` (it prints the fields object, then the message).
 */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/**
 * Where the SDK writes its diagnostics. Nothing secret is ever passed to it: URLs are redacted and credentials
 * scrubbed before a line is written.
 *
 * The transport logs a `debug` line per HTTP attempt and per response (method, redacted URL, status, attempt,
 * duration), `warn` on every 429, and `info` when a session is started, refreshed or ended.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * const transport = new Transport({ auth, logger: pino({ level: 'debug' }) });
 * // or: new Transport({ auth, logger: console })
 * ```
 */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

const ignore: LogMethod = () => {};

/** A {@link Logger} that drops everything. The default. */
export const silentLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});
