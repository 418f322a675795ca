import { IntegrationClient } from '@anaplan-access/bulk';
import { basicAuth, bearerToken, ConfigurationError } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { startSimulator } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anaplanTarget } from '../target/anaplan-target.js';
import { type InventoryTenant, startInventoryTenant, tenantAdmin } from '../test-support/inventory-tenant.js';
import { compareInventories } from './compare-inventories.js';
import { inventory } from './inventory.js';
import { inventoryRows } from './inventory-rows.js';

let tenant: InventoryTenant;
const now = Date.parse('2026-06-01T12:00:00Z');

beforeAll(async () => {
  tenant = await startInventoryTenant(now);
});
afterAll(() => tenant.close());

const tenantAdminSeed = {
  userName: tenantAdmin.username,
  password: tenantAdmin.password,
  roles: ['TENANT_ADMIN', 'USER_ADMIN'],
};

const administration = () => ({
  auth: basicAuth(tenantAdmin),
  authUrl: tenant.sim.authUrl,
  baseUrl: tenant.sim.adminUrl,
});

describe('inventory', () => {
  it('reads users with created date, last login and licences, workspaces, administrators and model access', async () => {
    const taken = await inventory(tenant.target, { administration: administration() });
    expect(taken.lastLogins).toEqual({ known: true });
    expect(taken.licences).toEqual({ known: true });
    const chen = taken.users.find((user) => user.userName === 'chen.wei@example.com');
    expect(chen).toMatchObject({
      active: true,
      created: new Date(now - 400 * 86_400_000).toISOString(),
      lastLogin: new Date(now - 80 * 86_400_000).toISOString(),
      licences: ['Viewer', 'Contributor'],
      workspaces: [tenant.demo.workspaces[0]],
    });
    expect(taken.users.find((user) => user.userName === 'dana.novak@example.com')?.lastLogin).toBe('never');
    expect(taken.workspaces.map((workspace) => workspace.administrators)).toEqual([
      ['integration@example.com'],
      ['integration@example.com'],
    ]);
    expect(taken.access.map((access) => [access.userName, access.role])).toEqual([
      ['ana.silva@example.com', 'Planner'],
      ['bruno.costa@example.com', 'Sales Rep'],
      ['chen.wei@example.com', 'Reviewer'],
      ['dana.novak@example.com', 'Sales Manager'],
    ]);
    expect(taken.access[0]?.selectiveAccess).toEqual({ Regions: { read: ['EMEA'], write: [] } });
    // JSON round trip: the inventory is plain data.
    expect(JSON.parse(JSON.stringify(taken))).toEqual(taken);
  });

  it('has one row per user and model, and one for each user in no model', async () => {
    const rows = inventoryRows(await inventory(tenant.target));
    expect(rows.map((row) => [row.userName, row.modelName])).toEqual([
      ['ana.silva@example.com', 'FP&A'],
      ['breakglass@example.com', null],
      ['bruno.costa@example.com', 'Sales Forecast'],
      ['chen.wei@example.com', 'FP&A'],
      ['dana.novak@example.com', 'Sales Forecast'],
      ['integration@example.com', null],
      ['tenant.admin@example.com', null],
    ]);
    expect(rows.find((row) => row.userName === 'integration@example.com')).toMatchObject({
      workspaceAdministrator: true,
      workspaces: ['Finance', 'Sales'],
    });
  });

  it('sends a Bearer token to the Administration API as AnaplanAuthToken (it refuses Bearer)', async () => {
    const login = await fetch(`${tenant.sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${tenantAdmin.username}:${tenantAdmin.password}`).toString('base64')}`,
      },
    });
    const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
    const taken = await inventory(tenant.target, {
      administration: { auth: bearerToken(tokenInfo.tokenValue), baseUrl: tenant.sim.adminUrl },
    });
    expect(taken.licences).toEqual({ known: true });
  });

  it('says why licences are unknown when the account is no Tenant Administrator, or none was given', async () => {
    const refused = await inventory(tenant.target, {
      administration: { ...administration(), auth: basicAuth(tenant.demo.credentials) },
    });
    expect(refused.licences).toEqual({
      known: false,
      reason: expect.stringContaining('HTTP 403') as unknown as string,
    });
    expect(refused.licences.reason).toContain('Tenant Administrator');
    expect(refused.users.every((user) => user.licences === 'unknown')).toBe(true);
    const notAsked = await inventory(tenant.target, { users: 'managed' });
    expect(notAsked.licences.reason).toContain('no `administration` options');
    expect(notAsked.users.map((user) => user.userName)).not.toContain(tenantAdmin.username);
  });

  it('sees a login as the new last login, and compares two inventories', async () => {
    const before = await inventory(tenant.target);
    const login = await fetch(`${tenant.sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${tenantAdmin.username}:${tenantAdmin.password}`).toString('base64')}`,
      },
    });
    expect(login.status).toBe(201);
    tenant.sim.ui.setModelRole('integration@example.com', 'chen.wei@example.com', 'FP&A', 'Planner');
    const after = await inventory(tenant.target);
    expect(after.users.find((user) => user.userName === tenantAdmin.username)?.lastLogin).not.toBe('never');
    const changes = compareInventories(before, after);
    expect(changes.unchanged).toBe(false);
    expect(
      changes.accessChanged.map(({ before: was, after: now }) => [now.userName, was.role, now.role]),
    ).toEqual([['chen.wei@example.com', 'Reviewer', 'Planner']]);
    expect(changes.usersAdded).toEqual([]);
    expect(compareInventories(after, after).unchanged).toBe(true);
  });

  it('reads licences page by page (1,000 rows a page) from a larger tenant', async () => {
    const extra = Array.from({ length: 1_500 }, (_, index) => ({
      userName: `person${index}@example.com`,
      licenses: [index % 2 === 0 ? 'Viewer' : 'Full Access'],
    }));
    const large = await startSimulator({
      seed: {
        users: [{ ...tenantAdminSeed }, ...extra],
        workspaces: [{ id: 'c'.repeat(32), name: 'Empty' }],
      },
    });
    const auth = basicAuth(tenantAdmin);
    const scim = new ScimClient({ auth, authUrl: large.authUrl, baseUrl: large.scimUrl });
    const integration = new IntegrationClient({ auth, authUrl: large.authUrl, baseUrl: large.apiUrl });
    try {
      const target = anaplanTarget({ scim, integration, workspaces: ['c'.repeat(32)] });
      const since = large.requests.length;
      const taken = await inventory(target, {
        administration: { auth, authUrl: large.authUrl, baseUrl: large.adminUrl },
      });
      expect(taken.users).toHaveLength(1_501);
      expect(taken.users.find((user) => user.userName === 'person1499@example.com')?.licences).toEqual([
        'Full Access',
      ]);
      expect(
        large.requests
          .slice(since)
          .filter((request) => request.path.endsWith('/users/export'))
          .map((request) => request.query),
      ).toEqual(['?Limit=1000&Offset=0', '?Limit=1000&Offset=1000']);
    } finally {
      await Promise.allSettled([scim.close(), integration.close()]);
      await large.close();
    }
  });

  it('refuses unknown options, naming them', async () => {
    await expect(inventory(tenant.target, { colour: 'blue' } as never)).rejects.toThrow(ConfigurationError);
    await expect(inventory(tenant.target, { users: 'all' } as never)).rejects.toThrow('users');
  });
});
