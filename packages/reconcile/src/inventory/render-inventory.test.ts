import { readCsv } from '@anaplan-access/bulk';
import { ConfigurationError } from '@anaplan-access/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InventoryTenant, startInventoryTenant } from '../test-support/inventory-tenant.js';
import { inventory } from './inventory.js';
import type { Inventory } from './inventory-types.js';
import { renderInventory } from './render-inventory.js';

let tenant: InventoryTenant;
let before: Inventory;
let after: Inventory;

beforeAll(async () => {
  tenant = await startInventoryTenant();
  before = await inventory(tenant.target);
  // A hostile name and a role change between the two inventories.
  tenant.sim.ui.editUser('integration@example.com', 'chen.wei@example.com', {
    givenName: '=HYPERLINK("x")</script><b>',
  });
  tenant.sim.ui.setModelRole('integration@example.com', 'ana.silva@example.com', 'FP&A', 'Reviewer');
  after = await inventory(tenant.target);
});
afterAll(() => tenant.close());

describe('renderInventory', () => {
  it('writes CSV: one row per user and model, dormant users marked, formulas neutralised', () => {
    const { headers, rows } = readCsv(renderInventory(after, { format: 'csv' }));
    expect(headers.slice(0, 7)).toEqual([
      'user',
      'first_name',
      'last_name',
      'active',
      'created',
      'last_login',
      'dormant',
    ]);
    expect(rows).toHaveLength(7);
    const chen = rows.find((row) => row['user'] === 'chen.wei@example.com');
    expect(chen?.['first_name']?.startsWith("'=")).toBe(true);
    expect(rows.find((row) => row['user'] === 'bruno.costa@example.com')).toMatchObject({
      dormant: 'yes',
      model: 'Sales Forecast',
      role: 'Sales Rep',
      selective_access: 'Regions: write AMER',
    });
    expect(rows.find((row) => row['user'] === 'ana.silva@example.com')?.['dormant']).toBe('no');
  });

  it('writes JSON with the summary, the changes and the inventory itself', () => {
    const json = JSON.parse(renderInventory(after, { format: 'json', since: before }));
    expect(json.inventory).toEqual(after);
    expect(json.summary).toMatchObject({
      users: 7,
      active: 7,
      dormant: 2,
      neverLoggedIn: 3,
      workspaceAdministrators: 1,
    });
    expect(json.changes.accessChanged).toHaveLength(1);
  });

  it('writes Markdown with the summary, the changes and a table whose cells cannot break it', () => {
    const text = renderInventory(after, { format: 'markdown', since: before, dormantAfterDays: 30 });
    const soon = renderInventory(after, { format: 'markdown', noticeDays: 14 });
    // Chen last logged in 80 days ago: dormant in 10 days.
    expect(soon).toContain('Dormant soon (90 days without a login):\n\n- chen.wei@example.com in 10 days\n');
    expect(renderInventory(after, { format: 'html', noticeDays: 14 })).toContain(
      '<li>chen.wei@example.com in 10 days</li>',
    );
    expect(text).not.toContain('Dormant soon');
    expect(() => renderInventory(after, { format: 'markdown', noticeDays: -1 })).toThrow('noticeDays');
    expect(text).toContain('| Dormant (30+ days) | 3 |');
    expect(text).toContain('**FP&A**: Reviewer 2');
    expect(text).toContain(
      '- ana.silva@example.com in FP&A: Planner, Regions: read EMEA → Reviewer, Regions: read EMEA',
    );
    expect(text.split('\n').filter((line) => line.startsWith('| ') && line.includes('@'))).toHaveLength(7);
  });

  it('writes one HTML page with no network access and the data escaped inside its script', () => {
    const html = renderInventory(after, { format: 'html', since: before });
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('Changes since');
  });

  it('refuses an unknown format or option', () => {
    expect(() => renderInventory(after, { format: 'xlsx' } as never)).toThrow(ConfigurationError);
    expect(() => renderInventory(after, { format: 'csv', colour: 1 } as never)).toThrow('colour');
    expect(() => renderInventory(after, { format: 'csv', dormantAfterDays: 0 })).toThrow('dormantAfterDays');
  });
});
