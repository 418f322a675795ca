// Tests: ../auth/session-auth.test.ts, ../auth/oauth-auth.test.ts

import { inspect } from 'node:util';
import type { AuthProvider } from '../auth/auth-provider.js';

/**
 * Builds an {@link AuthProvider} whose secrets live only in the closures of `methods`. `toJSON` and
 * `util.inspect` show `description` (the kind and non-secret ids) and nothing else.
 */
export function defineProvider(
  description: { kind: string } & Record<string, string | number | boolean | undefined>,
  methods: Omit<AuthProvider, 'kind'>,
): AuthProvider {
  const view = Object.freeze({ ...description });
  const provider = { kind: description.kind };
  for (const [name, method] of Object.entries(methods)) {
    if (method !== undefined) Object.defineProperty(provider, name, { value: method, enumerable: false });
  }
  Object.defineProperty(provider, 'toJSON', { value: () => view, enumerable: false });
  Object.defineProperty(provider, inspect.custom, {
    value: () => `AuthProvider ${inspect(view)}`,
    enumerable: false,
  });
  return Object.freeze(provider) as AuthProvider;
}
