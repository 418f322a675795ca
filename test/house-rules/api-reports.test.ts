import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PackageApi, readApis, renderReport, updateCommand } from '../tools/api-report.ts';

// The checked-in API report of each published package (packages/<name>/api-report.md) matches what its entries
// export, so that an export added, removed or changed by accident shows up in review as a change of that file.

const root = fileURLToPath(new URL('../../', import.meta.url));
let apis: PackageApi[] = [];

beforeAll(() => {
  apis = readApis(root); // one type-checked program over every package: seconds, not milliseconds
}, 120_000);

function checkedIn(path: string): string {
  try {
    return readFileSync(new URL(path, `file://${root}`), 'utf8');
  } catch {
    return '(no report checked in)\n';
  }
}

describe('API reports', () => {
  it('cover the published packages', () => {
    expect(apis.map((api) => api.name).sort()).toEqual([
      '@anaplan-access/audit',
      '@anaplan-access/bulk',
      '@anaplan-access/cloudworks',
      '@anaplan-access/core',
      '@anaplan-access/exception-users',
      '@anaplan-access/reconcile',
      '@anaplan-access/scim',
      '@anaplan-access/testkit',
    ]);
  });

  for (const name of [
    'core',
    'scim',
    'bulk',
    'cloudworks',
    'audit',
    'exception-users',
    'reconcile',
    'testkit',
  ]) {
    it(`packages/${name}/api-report.md matches the exports of @anaplan-access/${name}`, () => {
      const api = apis.find((candidate) => candidate.dir === `packages/${name}`);
      expect(api, `@anaplan-access/${name} is not read`).toBeDefined();
      expect(
        renderReport(api!),
        `${api!.reportPath} differs from what @anaplan-access/${name} exports (- checked in, + the code). ` +
          `If the change of the public API is intended, run \`${updateCommand}\` and commit the report.`,
      ).toBe(checkedIn(api!.reportPath));
    });
  }

  it('export nothing declared in an internal/ folder', () => {
    const fromInternal = apis.flatMap((api) =>
      api.entries.flatMap((entry) =>
        entry.symbols
          .filter((symbol) => symbol.declaredIn.some((path) => path.includes('/internal/')))
          .map((symbol) => `${entry.specifier} exports ${symbol.name} from ${symbol.declaredIn.join(', ')}`),
      ),
    );
    expect(fromInternal).toEqual([]);
  });

  it('export nothing tagged @internal', () => {
    const internal = apis.flatMap((api) =>
      api.entries.flatMap((entry) =>
        entry.symbols
          .filter((symbol) => symbol.internal)
          .map((symbol) => `${entry.specifier}: ${symbol.name}`),
      ),
    );
    expect(internal).toEqual([]);
  });
});
