import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, demoTenant } from './demo-tenant.js';
import { type IntegrationHarness, startIntegrationHarness } from './test-support/integration-harness.js';

let demo: DemoTenant;
let harness: IntegrationHarness;

beforeAll(async () => {
  demo = demoTenant();
  harness = await startIntegrationHarness({ seed: demo.seed });
});
afterAll(() => harness.close());

const admin = () => demo.credentials.username;
const modelPath = (model: DemoTenant['models'][number]) =>
  `/workspaces/${model.workspaceId}/models/${model.modelId}`;

async function download(path: string, fileId: string): Promise<string> {
  const { chunks } = await harness.json<{ chunks?: { id: string }[] }>(
    admin(),
    'GET',
    `${path}/files/${fileId}/chunks`,
  );
  let text = '';
  for (const chunk of chunks ?? [])
    text += await (await harness.call(admin(), 'GET', `${path}/files/${fileId}/chunks/${chunk.id}`)).text();
  return text;
}

/** The header cells a column layout names for a file (the "None" columns only when `withNone`). */
function headersOf(columns: DemoTenant['models'][number]['usersImport']['columns'], withNone: boolean) {
  const lists = Object.values(columns.selectiveAccess ?? {}).flatMap((list) =>
    withNone ? [list.read, list.write, list.none] : [list.read, list.write],
  );
  return [columns.email, columns.firstName, columns.lastName, columns.role, columns.sso, ...lists];
}

describe('demoTenant', () => {
  it('logs the integration account in with its credentials, as a User Admin who sees the company', async () => {
    const basic = Buffer.from(`${demo.credentials.username}:${demo.credentials.password}`).toString('base64');
    const login = await fetch(`${harness.sim.authUrl}/token/authenticate`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    expect(login.status).toBe(201);
    const { tokenInfo } = (await login.json()) as { tokenInfo: { tokenValue: string } };
    const users = await fetch(`${harness.sim.scimUrl}/Users`, {
      headers: { authorization: `AnaplanAuthToken ${tokenInfo.tokenValue}` },
    });
    expect(users.status).toBe(200);
    const body = (await users.json()) as { Resources: { userName: string }[] };
    expect(body.Resources.map((user) => user.userName).sort()).toEqual([
      'ana.silva@example.com',
      'breakglass@example.com',
      'bruno.costa@example.com',
      'chen.wei@example.com',
      'dana.novak@example.com',
      'integration@example.com',
    ]);
    expect(demo.breakGlassAccount).toBe('breakglass@example.com');
    expect(demo.workspaces.map((id) => harness.sim.state.workspaces.get(id)?.name)).toEqual([
      'Finance',
      'Sales',
    ]);
  });

  it("exports each model's Users list in exactly the columns the model describes", async () => {
    for (const model of demo.models) {
      const path = modelPath(model);
      const task = await harness.runTask(admin(), `${path}/exports/${model.usersExport.exportId}`);
      expect(task.result?.successful, model.name).toBe(true);
      const [header, ...rows] = (await download(path, model.usersExport.exportId)).trim().split('\n');
      expect(header?.split(','), model.name).toEqual(headersOf(model.usersExport.columns, false));
      expect(rows.length, model.name).toBeGreaterThan(0);
    }
    const fpa = await download(modelPath(demo.models[0] as DemoTenant['models'][number]), '116000000001');
    expect(fpa).toContain('ana.silva@example.com,Ana,Silva,Planner,false,EMEA,');
  });

  it("imports a file in the model's USERS import columns: a new user gets the role and selective access", async () => {
    const model = demo.models[1] as DemoTenant['models'][number];
    const path = modelPath(model);
    const { imports } = await harness.json<{ imports: { id: string; importDataSourceId: string }[] }>(
      admin(),
      'GET',
      `${path}/imports`,
    );
    const definition = imports.find((candidate) => candidate.id === model.usersImport.importId);
    expect(definition).toBeDefined();
    const header = headersOf(model.usersImport.columns, true).join(',');
    const row = 'dana.novak@example.com,Dana,Novak,Sales Rep,false,,APAC,';
    const upload = await harness.call(admin(), 'PUT', `${path}/files/${definition?.importDataSourceId}`, {
      body: `${header}\n${row}\n`,
    });
    expect(upload.status).toBe(204);
    const task = await harness.runTask(admin(), `${path}/imports/${model.usersImport.importId}`);
    expect(task.result?.successful).toBe(true);
    const dana = harness.sim.state.models.get(model.modelId)?.users.get('dana.novak@example.com');
    expect(dana?.role).toBe('Sales Rep');
    expect(dana?.selectiveAccess['Regions']).toEqual({ read: [], write: ['APAC'] });
    expect(model.roles).toEqual(['Full Access', 'No Access', 'Sales Rep', 'Sales Manager']);
  });

  it('gives a new random password and new objects on every call, or the password asked for', () => {
    const first = demoTenant();
    const second = demoTenant();
    expect(first.credentials.password).not.toBe(second.credentials.password);
    first.seed.users?.pop();
    first.models[0]?.roles.push('Extra');
    expect(second.seed.users).toHaveLength(6);
    expect(second.models[0]?.roles).not.toContain('Extra');
    const fixed = demoTenant({ password: 'a fixed one' });
    expect(fixed.credentials).toEqual({ username: 'integration@example.com', password: 'a fixed one' });
    expect(fixed.seed.users?.[0]?.password).toBe('a fixed one');
  });

  it('refuses an unknown option and an empty password, naming them', () => {
    expect(() => demoTenant({ pasword: 'x' } as never)).toThrow(/unknown option "pasword"/);
    expect(() => demoTenant({ password: '' })).toThrow(/password must be a non-empty string/);
  });
});
