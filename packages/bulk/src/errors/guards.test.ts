import { isAnaplanAccessError, isNotFoundError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import {
  ActionNotFoundError,
  type BulkErrorKind,
  CsvFormulaError,
  CsvReadError,
  DownloadReadError,
  DownloadTooLargeError,
  isActionNotFoundError,
  isCsvFormulaError,
  isCsvReadError,
  isDownloadReadError,
  isDownloadTooLargeError,
  isRecordTooLargeError,
  isTaskFailedError,
  isTaskTimeoutError,
  isUploadSourceChangedError,
  isUsersImportRowError,
  RecordTooLargeError,
  TaskFailedError,
  TaskTimeoutError,
  UploadSourceChangedError,
  UsersImportRowError,
} from '../index.js';

// Every error class the package exports, with its guard: each guard knows its own class and no other.

const task = { taskId: 'T1', taskState: 'CANCELLED' } as const;
const cases: { error: Error; guard: (value: unknown) => boolean }[] = [
  {
    error: new ActionNotFoundError({
      collection: 'imports',
      nameOrId: 'x',
      closeNames: [],
      url: 'http://h/i',
    }),
    guard: isActionNotFoundError,
  },
  { error: new CsvFormulaError({ rowIndex: 0, column: 'Email' }), guard: isCsvFormulaError },
  { error: new CsvReadError({ problem: 'malformed', row: 1 }), guard: isCsvReadError },
  {
    error: new DownloadReadError({ what: 'export 1', path: '/f', problem: 'no-content', detail: 'none' }),
    guard: isDownloadReadError,
  },
  {
    error: new DownloadTooLargeError({ what: 'export 1', path: '/f', limitBytes: 1, option: 'maxBytes' }),
    guard: isDownloadTooLargeError,
  },
  { error: new RecordTooLargeError({ limitBytes: 10 }), guard: isRecordTooLargeError },
  { error: new TaskFailedError({ kind: 'exports', actionId: '116', task }), guard: isTaskFailedError },
  {
    error: new TaskTimeoutError({
      kind: 'imports',
      actionId: '112',
      taskId: 'T1',
      timeoutMs: 1,
      lastTask: undefined,
    }),
    guard: isTaskTimeoutError,
  },
  {
    error: new UploadSourceChangedError({ fileId: '113', expectedChunks: 2 }),
    guard: isUploadSourceChangedError,
  },
  {
    error: new UsersImportRowError({ rowIndex: 0, field: 'email', reason: 'bad' }),
    guard: isUsersImportRowError,
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

  it('goes by the brand, not the name: a plain Error with the same name is not one', () => {
    for (const { error, guard } of cases) {
      const lookalike = Object.assign(new Error(error.message), {
        name: error.name,
        kind: (error as never)['kind'],
      });
      expect(guard(lookalike)).toBe(false);
      expect(guard(undefined)).toBe(false);
    }
  });

  it('keeps the lineage: an ActionNotFoundError is a NotFoundError', () => {
    expect(isNotFoundError(cases[0]?.error)).toBe(true);
  });

  it('declares every kind in ErrorKinds, so isAnaplanAccessError(error, kind) narrows to the class', () => {
    // `satisfies` fails type checking when a kind is missing or unknown.
    const classes = {
      'action-not-found': ActionNotFoundError,
      'csv-formula': CsvFormulaError,
      'csv-read': CsvReadError,
      'download-read': DownloadReadError,
      'download-too-large': DownloadTooLargeError,
      'record-too-large': RecordTooLargeError,
      'task-failed': TaskFailedError,
      'task-timeout': TaskTimeoutError,
      'upload-source-changed': UploadSourceChangedError,
      'users-import-row': UsersImportRowError,
    } satisfies Record<BulkErrorKind, { kind: string }>;
    for (const [kind, errorClass] of Object.entries(classes)) expect(errorClass.kind).toBe(kind);
    const error: unknown = cases.find((entry) => entry.guard === isTaskTimeoutError)?.error;
    // Type-checked: `taskId` is reachable without a cast only when the kind narrows to TaskTimeoutError.
    expect(isAnaplanAccessError(error, 'task-timeout') && error.taskId).toBe('T1');
  });
});
