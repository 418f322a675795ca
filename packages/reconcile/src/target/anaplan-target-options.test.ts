import { IntegrationClient, type UsersImportColumns } from '@anaplan-access/bulk';
import { basicAuth, isConfigurationError } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { afterAll, describe, expect, it } from 'vitest';
import { anaplanTarget } from './anaplan-target.js';
import type { AnaplanTargetModel } from './anaplan-target-options.js';

// The Workspace Administrator column of a target model: mapped exactly when the import is declared to set the flag
// (Anaplan's help says an import cannot), and then read back by the Users export. Checked when the target is built,
// before any request.

const common = { auth: basicAuth({ username: 'a@example.com', password: 'options-test-1' }) };
const scim = new ScimClient({ ...common, baseUrl: 'http://127.0.0.1:9/scim/1/0/v2' });
const integration = new IntegrationClient({ ...common, baseUrl: 'http://127.0.0.1:9/2/0' });
afterAll(async () => {
  await Promise.allSettled([scim.close(), integration.close()]);
});

const workspaceId = '1'.repeat(32);
const columns: UsersImportColumns = { email: 'Email', role: 'Role', sso: 'SSO' };
const withAdmin: UsersImportColumns = { ...columns, workspaceAdmin: 'Workspace Administrator' };

function build(model: Partial<AnaplanTargetModel>) {
  return () =>
    anaplanTarget({
      scim,
      integration,
      workspaces: [workspaceId],
      models: [
        { workspaceId, modelId: 'M'.repeat(32), usersImport: { importId: 'Users', columns }, ...model },
      ],
    });
}

function configurationError(run: () => unknown): { key: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isConfigurationError(error)) return { key: error.key, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('anaplanTarget: usersImport.setsWorkspaceAdmin', () => {
  it('refuses a Workspace Administrator column the import is not declared to set', () => {
    const error = configurationError(build({ usersImport: { importId: 'Users', columns: withAdmin } }));
    expect(error.key).toBe('models.0.usersImport.columns.workspaceAdmin');
    expect(error.message).toContain('an import cannot set the flag');
    expect(error.message).toContain('setsWorkspaceAdmin: true');
  });

  it('refuses the declaration without a column to write the flag to', () => {
    const error = configurationError(
      build({ usersImport: { importId: 'Users', columns, setsWorkspaceAdmin: true } }),
    );
    expect(error.key).toBe('models.0.usersImport.setsWorkspaceAdmin');
  });

  it('refuses a declared import whose Users export does not read the flag back', () => {
    const error = configurationError(
      build({
        usersImport: { importId: 'Users', columns: withAdmin, setsWorkspaceAdmin: true },
        usersExport: { exportId: 'Users export', columns },
      }),
    );
    expect(error.key).toBe('models.0.usersExport.columns.workspaceAdmin');
    expect(error.message).toContain('every plan imports it again');
  });

  it('accepts no column (the default) and a declared, mapped, exported column', () => {
    expect(build({})).not.toThrow();
    expect(build({ usersImport: { importId: 'Users', columns, setsWorkspaceAdmin: false } })).not.toThrow();
    expect(
      build({
        usersImport: { importId: 'Users', columns: withAdmin, setsWorkspaceAdmin: true },
        usersExport: { exportId: 'Users export', columns: withAdmin },
      }),
    ).not.toThrow();
  });
});
