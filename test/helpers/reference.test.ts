import { afterEach, describe, expect, it, vi } from 'vitest';
import { haveReference } from './reference.js';

describe('haveReference', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skips with a printed reason when a reference file is missing, outside CI', () => {
    vi.stubEnv('CI', '');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(haveReference(['no-such-spec.yaml'], 'some contract')).toBe(false);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^some contract: skipped, reference no-such-spec\.yaml not found in /),
    );
  });

  it('fails under CI=true, where the reference is always present', () => {
    vi.stubEnv('CI', 'true');
    expect(() => haveReference(['no-such-spec.yaml'], 'some contract')).toThrow(
      /CI=true requires the reference/,
    );
  });
});
