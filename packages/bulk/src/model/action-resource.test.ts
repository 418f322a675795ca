import { isAnaplanAccessError, isNotFoundError } from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, fastWait, ids, startFixture } from '../test-support/fixture.js';

let fixture: Fixture;

beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(() => fixture.close());

describe('action listings and metadata', () => {
  it('lists imports, exports, processes and actions with their ids as strings', async () => {
    const { model } = fixture;
    expect(await model.imports.list().toArray({ limit: 10 })).toEqual([
      expect.objectContaining({
        id: ids.usersImport,
        name: 'Users from users.csv',
        importType: 'USERS',
        importDataSourceId: ids.usersFile,
      }),
    ]);
    const exports = await model.exports.list({ pageSize: 1 }).toArray({ limit: 10 });
    expect(exports.map((definition) => definition.id)).toEqual([ids.usersExport, ids.regionsExport]);
    expect((await model.processes.list()).items).toEqual([
      expect.objectContaining({ id: ids.process, name: 'Import users then export' }),
    ]);
    expect((await model.actions.list()).items).toEqual([
      expect.objectContaining({ id: ids.deleteAction, actionType: 'DELETE_BY_SELECTION' }),
    ]);
  });

  it('reads import, export, process and action metadata', async () => {
    const { model } = fixture;
    expect(await model.imports.get(ids.usersImport)).toMatchObject({
      type: 'FILE',
      source: { headerNames: expect.arrayContaining(['Email', 'Regions Read']) },
    });
    expect(await model.exports.get(ids.usersExport)).toMatchObject({
      headerNames: ['Email', 'Role', 'Regions Read'],
    });
    expect(await model.processes.get(ids.process)).toMatchObject({
      actions: [
        expect.objectContaining({ id: ids.usersImport }),
        expect.objectContaining({ id: ids.usersExport }),
      ],
    });
    expect(await model.actions.get(ids.deleteAction)).toMatchObject({ name: 'Delete old regions' });
    await expect(model.actions.get('117999999999')).rejects.toSatisfy(isNotFoundError);
    await expect(model.imports.get('112999999999')).rejects.toSatisfy(isNotFoundError);
  });
});

describe('resolve', () => {
  it('resolves an id, an exact name, and a name that differs only in case', async () => {
    const { model } = fixture;
    expect(await model.imports.resolve(ids.usersImport)).toBe(ids.usersImport);
    expect(await model.exports.resolve('Regions export')).toBe(ids.regionsExport);
    expect(await model.exports.resolve('users EXPORT')).toBe(ids.usersExport);
    expect(await model.files.resolve('users.csv')).toBe(ids.usersFile);
  });

  it('throws a typed not-found error listing close names', async () => {
    const error = await fixture.model.exports.resolve('User export').catch((caught: unknown) => caught);
    expect(isNotFoundError(error)).toBe(true);
    expect(isAnaplanAccessError(error, 'action-not-found')).toBe(true);
    expect(error).toMatchObject({
      collection: 'exports',
      nameOrId: 'User export',
      closeNames: ['Users export'],
    });
    expect(String(error)).toContain('"Users export"');
    const none = await fixture.model.processes.resolve('zzz').catch((caught: unknown) => caught);
    expect(none).toMatchObject({ closeNames: [] });
  });
});

describe('other actions', () => {
  it('runs a delete action and lists its tasks newest first', async () => {
    const { model } = fixture;
    const first = await model.actions.run(ids.deleteAction);
    const finished = await first.wait(fastWait);
    expect(finished.taskState).toBe('COMPLETE');
    const second = await model.actions.run(ids.deleteAction);
    await second.wait(fastWait);
    const tasks = await model.actions.tasks(ids.deleteAction).toArray({ limit: 10 });
    expect(tasks.map((task) => task.taskId)).toEqual([second.taskId, first.taskId]);
    const list = fixture.sim.state.models
      .get(ids.model)
      ?.lists.find((candidate) => candidate.name === 'Regions');
    expect(list?.items).not.toContain('AMER');
  });
});
