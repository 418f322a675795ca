import { afterEach, describe, expect, it, vi } from 'vitest';
import { postgresAvailable } from './postgres.js';

describe('postgresAvailable', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints why the tests are skipped when the server cannot be reached', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const nowhere = { host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' };
    expect(await postgresAvailable('some PostgreSQL suite', nowhere)).toBe(false);
    expect(log).toHaveBeenCalledWith(
      'some PostgreSQL suite: skipped, PostgreSQL not reachable at 127.0.0.1:1, user postgres, database test',
    );
  });
});
