/**
 * What acquiring a lock came to: the string `'acquired'`, or the error it was refused with.
 *
 * @example
 * const refused = await refusal(fileLock({ path }).acquire({ target, onLost: () => {} }));
 * expect(isPlanRefusedError(refused) && refused.reason).toBe('locked');
 */
export function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'acquired',
    (error: unknown) => error,
  );
}
