import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { haveReference } from './reference.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The code files under `folder` (node_modules, dist and scratch folders skipped), relative to the root. */
function codeFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', '.tmp'].includes(entry.name) ? [] : codeFiles(path);
    return /\.(?:ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

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

  it('is how tests reach ../shared: no file names an absolute path of this machine', () => {
    // The folder that holds this checkout (and ../shared): a path only this machine has.
    const parent = dirname(root.replace(/\/$/, ''));
    const folders = [
      'test',
      'examples',
      ...readdirSync(join(root, 'packages')).map((name) => `packages/${name}/src`),
    ];
    const offenders = folders
      .flatMap(codeFiles)
      .filter((file) => parent !== '/' && readFileSync(join(root, file), 'utf8').includes(`${parent}/`));
    expect(offenders).toEqual([]);
  });
});
