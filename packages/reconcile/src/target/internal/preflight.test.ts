import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { type Simulator, startSimulator, usersImportSeed } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnaplanTargetModel, AnaplanTargetOptions } from '../anaplan-target-options.js';
import { preflight } from './preflight.js';

const admin = { userName: 'integration@example.com', password: 'preflight-test-password' };
const finance = '1'.repeat(32);
const modelId = 'C'.repeat(32);
const columns = { email: 'Email', role: 'Role' };
let sim: Simulator;
let options: AnaplanTargetOptions;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      users: [{ ...admin, roles: ['USER_ADMIN'], workspaces: [finance] }],
      workspaces: [{ id: finance, name: 'Finance', admins: [admin.userName] }],
      models: [
        {
          id: modelId,
          name: 'Budget',
          workspaceId: finance,
          imports: [
            usersImportSeed(columns, { name: 'Users import' }),
            {
              name: 'Regions from file',
              importType: 'HIERARCHY_DATA',
              columns: { Name: { listItem: 'Regions' } },
            },
          ],
          exports: [{ name: 'Users export', source: 'users', columns: { Email: 'email', Role: 'role' } }],
        },
      ],
    },
  });
  const common = {
    auth: basicAuth({ username: admin.userName, password: admin.password }),
    authUrl: sim.authUrl,
  };
  options = {
    scim: new ScimClient({ ...common, baseUrl: sim.scimUrl }),
    integration: new IntegrationClient({ ...common, baseUrl: sim.apiUrl }),
    workspaces: [finance],
  };
});

afterAll(async () => {
  await Promise.allSettled([options.scim.close(), options.integration.close()]);
  await sim.close();
});

const budget = (overrides: Partial<AnaplanTargetModel> = {}): AnaplanTargetModel => ({
  workspaceId: finance,
  modelId,
  usersImport: { importId: 'Users import', columns },
  usersExport: { exportId: 'Users export', columns },
  ...overrides,
});

describe('preflight', () => {
  it('passes a correct configuration, naming each model as Anaplan does', async () => {
    const checked = await preflight({ ...options, models: [budget()] }, undefined);
    expect(checked.findings).toEqual([]);
    expect(checked.options.models).toEqual([budget({ name: 'Budget' })]);
  });

  it('reports an import that is not a USERS import, and observes a model whose export is missing without it', async () => {
    const checked = await preflight(
      {
        ...options,
        models: [
          budget({
            usersImport: { importId: 'regions from file', columns },
            usersExport: { exportId: 'Users xport', columns },
          }),
        ],
      },
      undefined,
    );
    expect(checked.findings.map(({ kind, severity, field }) => ({ kind, severity, field }))).toEqual([
      { kind: 'target-error', severity: 'error', field: 'models[0].usersExport.exportId' },
      { kind: 'target-error', severity: 'error', field: 'models[0].usersImport.importId' },
    ]);
    expect(checked.findings[1]?.message).toMatch(/HIERARCHY_DATA import, not a USERS import/);
    expect(checked.options.models?.[0]?.usersExport).toBeUndefined();
  });

  it('names the first unreadable entry in configuration order', async () => {
    const nowhere = '9'.repeat(32);
    await expect(
      preflight({ ...options, models: [budget(), budget({ modelId: 'D'.repeat(32) })] }, undefined),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'models[1].modelId' });
    await expect(
      preflight(
        { ...options, workspaces: [finance, nowhere], models: [budget({ modelId: nowhere })] },
        undefined,
      ),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'workspaces[1]' });
    await expect(
      preflight({ ...options, models: [budget({ workspaceId: nowhere })] }, undefined),
    ).rejects.toMatchObject({ name: 'ConfigurationError', key: 'models[0].workspaceId' });
  });
});
