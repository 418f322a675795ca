import { isAnaplanAccessError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import {
  type CloudWorksErrorKind,
  CloudWorksNameConflictError,
  CloudWorksPeerMissingError,
  CloudWorksRunTimeoutError,
  CloudWorksStorageWriteError,
  isCloudWorksNameConflictError,
  isCloudWorksPeerMissingError,
  isCloudWorksRunTimeoutError,
  isCloudWorksStorageWriteError,
} from '../index.js';

// Every error class the package exports, with its guard: each guard knows its own class and no other.

const secret = 'sv=2021&sig=c2VjcmV0LXNpZ25hdHVyZS0xMjM0NTY3ODkw';
const cases: { error: Error; guard: (value: unknown) => boolean }[] = [
  {
    error: new CloudWorksNameConflictError({ what: 'integration', name: 'n', ids: ['a', 'b'] }),
    guard: isCloudWorksNameConflictError,
  },
  {
    error: new CloudWorksPeerMissingError('@azure/storage-blob', new Error('not found')),
    guard: isCloudWorksPeerMissingError,
  },
  {
    error: new CloudWorksRunTimeoutError({
      integrationId: 'i',
      runId: 'r',
      timeoutMs: 1,
      lastStatus: undefined,
    }),
    guard: isCloudWorksRunTimeoutError,
  },
  {
    error: new CloudWorksStorageWriteError({
      storage: 'AzureBlob',
      container: 'c',
      path: 'p.csv',
      status: 403,
      cause: new Error(`refused https://acct.blob.core.windows.net/c/p.csv?${secret}`),
      secrets: [secret],
    }),
    guard: isCloudWorksStorageWriteError,
  },
];

describe('error guards', () => {
  it.each(cases.map((entry) => [entry.error.name, entry] as const))(
    '%s has a guard of its own',
    (_, entry) => {
      expect(isAnaplanAccessError(entry.error)).toBe(true);
      expect(entry.guard(entry.error)).toBe(true);
      for (const other of cases) if (other !== entry) expect(other.guard(entry.error)).toBe(false);
    },
  );

  it('goes by the brand, not the name', () => {
    for (const { error, guard } of cases) {
      expect(
        guard(Object.assign(new Error(error.message), { name: error.name, kind: (error as never)['kind'] })),
      ).toBe(false);
      expect(guard(undefined)).toBe(false);
    }
  });

  it('keeps a storage credential out of the message, toJSON and the cause', () => {
    const error = cases[3]!.error;
    expect(error.message).not.toContain('c2VjcmV0LXNpZ25hdHVyZS0xMjM0NTY3ODkw');
    expect(JSON.stringify(error)).not.toContain('c2VjcmV0LXNpZ25hdHVyZS0xMjM0NTY3ODkw');
    expect(String((error.cause as Error).message)).not.toContain('c2VjcmV0LXNpZ25hdHVyZS0xMjM0NTY3ODkw');
  });

  it('declares every kind in ErrorKinds, so isAnaplanAccessError(error, kind) narrows to the class', () => {
    const classes = {
      'cloudworks-name-conflict': CloudWorksNameConflictError,
      'cloudworks-peer-missing': CloudWorksPeerMissingError,
      'cloudworks-run-timeout': CloudWorksRunTimeoutError,
      'cloudworks-storage-write': CloudWorksStorageWriteError,
    } satisfies Record<CloudWorksErrorKind, { kind: string }>;
    for (const [kind, errorClass] of Object.entries(classes)) expect(errorClass.kind).toBe(kind);
    const error: unknown = cases[2]?.error;
    expect(isAnaplanAccessError(error, 'cloudworks-run-timeout') && error.runId).toBe('r');
  });
});
