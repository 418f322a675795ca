import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSchemaSql } from '../desired/sources/access-schema.js';
import { csvSource } from '../desired/sources/csv-source.js';
import { sqlSource } from '../desired/sources/sql-source.js';
import { sqliteClient } from '../desired/sources/sqlite-client.js';
import { plan } from '../plan/plan.js';
import { summaryLine } from '../plan/render.js';
import { type InventoryTenant, startInventoryTenant } from '../test-support/inventory-tenant.js';
import { adoptCurrentAccess } from './adopt-current-access.js';
import { inventory } from './inventory.js';

let tenant: InventoryTenant;

beforeAll(async () => {
  tenant = await startInventoryTenant();
});
afterAll(() => tenant.close());

describe('adoptCurrentAccess', () => {
  it('writes CSV that, planned against the same tenant, gives no changes (ids and names)', async () => {
    const taken = await inventory(tenant.target);
    for (const reference of ['id', 'name'] as const) {
      const adopted = adoptCurrentAccess(taken, { reference });
      expect(adopted.users).toBe(6); // every member of Finance or Sales; the tenant admin is in no workspace
      const desired = await csvSource({ text: adopted.csv, name: 'adopted.csv' }).load();
      const made = await plan({ desired, target: tenant.target });
      expect(made.operations).toEqual([]);
      expect(summaryLine(made)).toBe('No changes. Anaplan matches the desired state.');
    }
    const csv = adoptCurrentAccess(taken, { reference: 'name' }).csv.split('\n');
    expect(csv[0]).toBe(
      'email,first_name,last_name,active,external_id,workspace,model,role,sso,workspace_admin,list,item,access',
    );
    expect(csv).toContain('ana.silva@example.com,,,,,,FP&A,,,,Regions,EMEA,read');
  });

  it('writes SQL inserts for the relational schema that, read by sqlSource, give no changes', async () => {
    const adopted = adoptCurrentAccess(await inventory(tenant.target));
    const database = new DatabaseSync(':memory:');
    database.exec(accessSchemaSql);
    database.exec(adopted.sql);
    const desired = await sqlSource({ client: sqliteClient(database) }).load();
    expect(desired.findings).toEqual([]);
    expect((await plan({ desired, target: tenant.target })).operations).toEqual([]);
    database.close();
  });

  it('quotes SQL literals, and refuses unknown options', async () => {
    const taken = await inventory(tenant.target);
    const odd = structuredClone(taken);
    const ana = odd.users.find((user) => user.userName === 'ana.silva@example.com');
    if (ana) ana.familyName = "O'Brien";
    expect(adoptCurrentAccess(odd).sql).toContain("'O''Brien'");
    expect(() => adoptCurrentAccess(taken, { format: 'xml' } as never)).toThrow('unknown option "format"');
  });
});
