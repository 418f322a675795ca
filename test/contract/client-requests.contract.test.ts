import { apply, plan } from '@anaplan-access/reconcile';
import { workspaceEntitlements } from '@anaplan-access/scim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessTenant,
  desiredState,
  desiredUser,
  ids,
  modelAccess,
  startAccessTenant,
  tenantSeed,
} from '../helpers/access-tenant.js';
import {
  expectRequestMatches,
  loadOpenApi,
  type OpenApiSpec,
  pathTemplates,
} from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

// Request side of the contract: the bodies and headers the clients really send, captured through an injected
// `fetch` while a whole reconcile and direct client calls run against the simulator, checked against the
// reference specs' paths, methods, request schemas and content types.

const specFiles = ['scim-openapi.yaml', 'integration-openapi.yaml'] as const;
const title = 'the requests the clients send match the reference specs';
const available = haveReference(specFiles, title);

interface Captured {
  api: 'scim' | 'integration' | 'auth';
  method: string;
  path: string;
  headers: Headers;
  body: string | Uint8Array | undefined;
}

/** Which readOnly properties of the spec's User schema a write body carries (`userName` aside: it is required). */
function readOnlyAttributes(spec: OpenApiSpec, body: Record<string, unknown>): string[] {
  const schemas = (spec.document['components'] as { schemas: Record<string, unknown> }).schemas;
  const user = schemas['User'] as { properties: Record<string, { readOnly?: boolean; properties?: object }> };
  const found: string[] = [];
  for (const [name, property] of Object.entries(user.properties)) {
    if (name === 'userName' || body[name] === undefined) continue;
    if (property.readOnly) found.push(name);
    const inner = property.properties as Record<string, { readOnly?: boolean }> | undefined;
    const value = body[name];
    if (inner && typeof value === 'object' && value !== null)
      for (const [innerName, innerProperty] of Object.entries(inner))
        if (innerProperty.readOnly && (value as Record<string, unknown>)[innerName] !== undefined)
          found.push(`${name}.${innerName}`);
  }
  return found;
}

describe.skipIf(!available)(title, () => {
  let tenant: AccessTenant | undefined;
  const captured: Captured[] = [];
  const specs = {} as Record<'scim' | 'integration', OpenApiSpec>;

  beforeAll(async () => {
    specs.scim = loadOpenApi('scim-openapi.yaml');
    specs.integration = loadOpenApi('integration-openapi.yaml');
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const api = url.pathname.startsWith('/scim/')
        ? 'scim'
        : url.pathname.startsWith('/2/0/')
          ? 'integration'
          : 'auth';
      const bytes = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const type = request.headers.get('content-type') ?? '';
      captured.push({
        api,
        method: request.method,
        path: url.pathname.replace(/^\/scim\/1\/0\/v2/, '').replace(/^\/2\/0/, ''),
        headers: request.headers,
        body: bytes && /json|text/.test(type) ? new TextDecoder().decode(bytes) : bytes,
      });
      return fetch(request);
    };
    tenant = await startAccessTenant(
      tenantSeed(
        [
          { userName: 'leaver@corp.example', givenName: 'Lee', familyName: 'Ver', workspaces: [ids.finance] },
          { userName: 'kept@corp.example', givenName: 'Kim', familyName: 'Kept', workspaces: [ids.finance] },
        ],
        { budget: [{ email: 'kept@corp.example', role: 'Viewer' }] },
      ),
      { fetch: recordingFetch },
    );
    const { scim, integration, target } = tenant;
    const desired = desiredState([
      desiredUser('new@corp.example', {
        givenName: 'Nia',
        familyName: 'New',
        models: { [ids.budget]: modelAccess('Planner', ['EMEA']) },
        refs: [],
      }),
      desiredUser('kept@corp.example', {
        givenName: 'Kim',
        familyName: 'Kept',
        workspaces: [ids.finance, ids.sales],
        models: { [ids.budget]: modelAccess('Planner') },
        refs: [],
      }),
    ]);
    const p = await plan({ desired, target, policy: { allowDestructive: true, allowEmptySource: true } });
    const result = await apply(p, { target });
    expect(result.outcome).toBe('succeeded');
    // Direct calls the engine does not make: a replacement of a user as read, a create with every form.
    const kept = await scim.users.findByUserName('kept@corp.example');
    if (!kept) throw new Error('kept@corp.example is missing');
    await scim.users.replace(kept.id, { ...kept, name: { ...kept.name, familyName: 'Keeper' } });
    await scim.users.create({
      userName: 'direct@corp.example',
      name: { givenName: 'Dee', familyName: 'Rect' },
      entitlements: workspaceEntitlements([ids.finance]),
    });
    const model = integration.model(ids.finance, ids.budget);
    await model.runExport('Users export');
    await Promise.all([scim.close(), integration.close()]);
  });

  afterAll(async () => {
    await tenant?.sim.close();
  });

  it('sends only routes and methods the specs document', () => {
    const unknown: string[] = [];
    for (const request of captured) {
      if (request.api === 'auth') continue;
      const spec = specs[request.api];
      const match = pathTemplates(spec).find(({ pattern }) => pattern.test(request.path));
      if (!match?.methods.includes(request.method.toLowerCase()))
        unknown.push(`${request.api} ${request.method} ${request.path}`);
    }
    expect(captured.length).toBeGreaterThan(20);
    expect(unknown).toEqual([]);
  });

  it('sends JSON bodies that match the request schemas, with a declared content type', () => {
    let checked = 0;
    for (const request of captured) {
      if (request.api === 'auth' || typeof request.body !== 'string') continue;
      const spec = specs[request.api];
      const match = pathTemplates(spec).find(({ pattern }) => pattern.test(request.path));
      if (!match) continue;
      const operation = (spec.document['paths'] as Record<string, Record<string, { requestBody?: unknown }>>)[
        match.template
      ]?.[request.method.toLowerCase()];
      if (operation?.requestBody === undefined) continue;
      const contentType = request.headers.get('content-type')?.split(';')[0] ?? '';
      expectRequestMatches(
        spec,
        { path: match.template, method: request.method.toLowerCase(), contentType },
        JSON.parse(request.body),
      );
      checked += 1;
    }
    // SCIM POST, PUT and PATCH at least, and the export task start.
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('writes SCIM users without read-only attributes, workspaces as WORKSPACE objects only', () => {
    const writes = captured.filter(
      (request) => request.api === 'scim' && (request.method === 'POST' || request.method === 'PUT'),
    );
    expect(writes.map((request) => request.method).sort()).toEqual(expect.arrayContaining(['POST', 'PUT']));
    for (const request of writes) {
      const body = JSON.parse(request.body as string) as Record<string, unknown>;
      expect(readOnlyAttributes(specs.scim, body), `${request.method} ${request.path}`).toEqual([]);
      const types = ((body['entitlements'] as { type?: string }[] | undefined) ?? []).map(
        (item) => item.type,
      );
      expect(new Set(types).size <= 1 && types.every((type) => type === 'WORKSPACE')).toBe(true);
    }
  });

  it('sends file content as application/octet-stream and every API call with an AnaplanAuthToken', () => {
    const uploads = captured.filter((request) => request.api === 'integration' && request.method === 'PUT');
    expect(uploads.length).toBeGreaterThan(0);
    for (const request of uploads)
      expect(request.headers.get('content-type')).toBe('application/octet-stream');
    for (const request of captured.filter((item) => item.api !== 'auth'))
      expect(request.headers.get('authorization'), `${request.method} ${request.path}`).toMatch(
        /^AnaplanAuthToken \S+$/,
      );
  });
});
