// Tests: ./transport/transport-options.test.ts

/** The version of `@anaplan-access/core`, sent in the default `User-Agent` (`anaplan-access/<VERSION>`). */
export const VERSION = '0.1.0';
