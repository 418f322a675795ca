import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type Simulator, startSimulator, type TenantSeed } from '@anaplan-access/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectComponentMatches,
  expectResponseMatches,
  loadOpenApi,
  type OpenApiSpec,
} from '../helpers/openapi-contract.js';
import { haveReference } from '../helpers/reference.js';

const specFile = 'integration-openapi.yaml';
const title = 'Integration API simulator responses match the reference integration-openapi.yaml';
const available = haveReference([specFile], title);

const W = '8a8b8c8d8e8f404142434445464748aa';
const M = 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6';
const importId = '112000000001';
const fileId = '113000000001';
const exportId = '116000000001';
const processId = '118000000001';
const actionId = '117000000001';
const ws = `/workspaces/${W}/models/${M}`;
/** The four kinds of task: the path segment, the name of its id in the spec's templates, and the seeded id. */
const taskKinds = [
  ['imports', 'importId', importId],
  ['exports', 'exportId', exportId],
  ['processes', 'processId', processId],
  ['actions', 'actionId', actionId],
] as const;
const usersCsv = 'Email,First Name,Last Name,Role,Region\njane@example.com,,,Planner,EMEA\nbad,,,Viewer,\n';

const seed: TenantSeed = {
  users: [
    {
      userName: 'admin@example.com',
      givenName: 'Ada',
      familyName: 'Admin',
      roles: ['USER_ADMIN'],
      workspaces: [W],
      lastLoginDate: '2025-06-30T08:05:37.000+0000',
    },
    { userName: 'jane@example.com', givenName: 'Jane', familyName: 'Doe', workspaces: [W] },
  ],
  workspaces: [{ id: W, name: 'Finance', admins: ['admin@example.com'] }],
  models: [
    {
      id: M,
      name: 'FP&A',
      workspaceId: W,
      roles: ['Planner', 'Viewer'],
      lists: [{ name: 'Region', items: ['EMEA', 'APAC'], selectiveAccess: true }],
      users: [
        { email: 'admin@example.com', role: 'Full Access', workspaceAdmin: true },
        { email: 'jane@example.com', role: 'Viewer' },
      ],
      imports: [
        {
          id: importId,
          name: 'Users from users.csv',
          fileId,
          importType: 'USERS',
          columns: {
            Email: 'email',
            'First Name': 'firstName',
            'Last Name': 'lastName',
            Role: 'role',
            Region: { writeAccess: 'Region' },
          },
        },
      ],
      exports: [{ id: exportId, name: 'Users.csv', columns: { Email: 'email', Role: 'role' } }],
      processes: [{ id: processId, name: 'Import then export', actions: [importId, exportId] }],
      actions: [{ id: actionId, name: 'Delete APAC', listName: 'Region', items: ['APAC'] }],
    },
  ],
};

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** `email` of User and Admin carries an over-escaped pattern no real address matches (integration-README.md). */
function emailPaths(key: string, count: number): string[] {
  return Array.from({ length: count }, (_unused, index) => `/${key}/${index}/email`);
}

/**
 * What the live notes and every client of record show of a task, which the spec leaves out: its schemas (`Task`,
 * `TaskWithUrl`, `TaskResult`) require no field at all, so they pass any object, `{}` included. Here a task has a
 * `taskId` of 32 upper-case hex characters (and, once polled, a `taskState`); a `COMPLETE` task has a `result`
 * saying whether it succeeded, whether it has a dump, and which object it ran.
 */
const taskIdPattern = '^[0-9A-F]{32}$';
const startedTask = {
  type: 'object',
  required: ['taskId'],
  properties: { taskId: { pattern: taskIdPattern } },
};
const polledTask = {
  type: 'object',
  required: ['taskId', 'taskState'],
  properties: {
    taskId: { pattern: taskIdPattern },
    result: { type: 'object', required: ['successful', 'failureDumpAvailable', 'objectId'] },
  },
  // Not COMPLETE, or with a result.
  anyOf: [{ properties: { taskState: { not: { const: 'COMPLETE' } } } }, { required: ['result'] }],
};
/** The envelope of every successful answer in the live notes: `meta.schema`, `status` 200 "Success", the payload. */
const envelopeOf = (key: string, payload: object) => ({
  type: 'object',
  required: ['meta', 'status', key],
  properties: {
    meta: { type: 'object', required: ['schema'] },
    status: { type: 'object', required: ['code', 'message'], properties: { code: { const: 200 } } },
    [key]: payload,
  },
});

describe.skipIf(!available)(title, () => {
  let spec: OpenApiSpec;
  let sim: Simulator;
  let token = '';

  async function call(
    method: string,
    path: string,
    init: { json?: unknown; body?: BodyInit; contentType?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `AnaplanAuthToken ${token}` };
    if (init.contentType !== undefined) headers['content-type'] = init.contentType;
    else if (init.json !== undefined) headers['content-type'] = 'application/json';
    else if (method === 'PUT') headers['content-type'] = 'application/octet-stream'; // file content (spec)
    const response = await fetch(`${sim.apiUrl}${path}`, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    const contentType = response.headers.get('content-type');
    const text = await response.text();
    return {
      status: response.status,
      contentType,
      body: contentType?.includes('json') ? JSON.parse(text) : text,
    };
  }

  /** Calls, checks the status, and validates the body against the spec's response for `template`. */
  async function check(
    method: string,
    template: string,
    path: string,
    status: number,
    init: { json?: unknown; body?: string; ignore?: string[] } = {},
  ): Promise<Answer> {
    const answer = await call(method, path, init);
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
    if (status === 204 || (status === 202 && answer.body === '')) {
      const responses = (spec.document['paths'] as Record<string, Record<string, { responses: object }>>)[
        template
      ]?.[method.toLowerCase()]?.responses;
      expect(Object.keys(responses ?? {}), `${method} ${template} declares ${status}`).toContain(
        String(status),
      );
      expect(answer.body).toBe('');
      return answer;
    }
    expectResponseMatches(
      spec,
      { path: template, method, status, contentType: answer.contentType },
      answer.body,
      { ignoreErrorsUnder: init.ignore },
    );
    return answer;
  }

  /** A token of a new session of `userName`, straight in the simulator's state (no login request). */
  function session(userName: string): string {
    const value = randomBytes(24).toString('base64url');
    sim.state.sessions.set(value, {
      token: value,
      tokenId: `contract-session-${userName}`,
      userId: sim.state.findUserByName(userName)?.id ?? '',
      expiresAt: Date.now() + 30 * 60 * 1000,
      revoked: false,
      via: 'basic',
    });
    return value;
  }

  /** A spec component (`#/components/schemas/<name>`) tightened with what the live notes show. */
  const tightened = (name: string, tighter: object) => ({
    allOf: [{ $ref: `${spec.schemaId}#/definitions/${name}` }, tighter],
  });

  /** Validates `body` against a JSON schema that may use {@link tightened} components. */
  function expectSchema(schema: object, body: unknown, where: string): void {
    const validate = spec.ajv.compile(schema);
    validate(body);
    expect(validate.errors ?? [], `${where}: ${JSON.stringify(body)}`).toEqual([]);
  }

  async function finish(taskPath: string): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const answer = await call('GET', taskPath);
      const task = (answer.body as { task: Record<string, unknown> }).task;
      if (task['taskState'] === 'COMPLETE' || task['taskState'] === 'CANCELLED') return task;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${taskPath} did not finish`);
  }

  beforeAll(async () => {
    spec = loadOpenApi(specFile);
    sim = await startSimulator({ seed, switches: { taskDurationMs: 5 } });
    token = session('admin@example.com');
  });
  afterAll(() => sim?.close());

  it('tenant users and workspaces', async () => {
    await check('GET', '/users/me', '/users/me', 200, { ignore: ['/user/email'] });
    await check('GET', '/users', '/users?limit=1', 200, { ignore: emailPaths('users', 1) });
    const jane = sim.state.findUserByName('jane@example.com');
    await check('GET', '/users/{userId}', `/users/${jane?.id}`, 200, { ignore: ['/user/email'] });
    await check('GET', '/workspaces', '/workspaces?tenantDetails=true', 200);
    await check('GET', '/workspaces/{workspaceId}', `/workspaces/${W}`, 200);
    await check('GET', '/workspaces/{workspaceId}/admins', `/workspaces/${W}/admins`, 200, {
      ignore: emailPaths('admins', 1),
    });
  });

  it('models, model status, open and close', async () => {
    await check('GET', '/models', '/models?modelDetails=true', 200);
    await check('GET', '/models/{modelId}', `/models/${M}`, 200);
    await check('GET', '/workspaces/{workspaceId}/models', `/workspaces/${W}/models`, 200);
    await check('GET', '/models/{modelId}/status', `/models/${M}/status`, 200);
    await check('POST', '/models/{modelId}/close', `/models/${M}/close`, 204);
    await check('POST', '/models/{modelId}/open', `/models/${M}/open`, 202);
  });

  it('action listings and metadata, in both path forms', async () => {
    for (const kind of ['actions', 'exports', 'imports', 'processes']) {
      await check('GET', `/models/{modelId}/${kind}`, `/models/${M}/${kind}`, 200);
      const template = `/workspaces/{workspaceId}/models/{modelId}/${kind}${kind === 'imports' ? '/' : ''}`;
      await check('GET', template, `${ws}/${kind}${kind === 'imports' ? '/' : ''}`, 200);
    }
    await check('GET', '/models/{modelId}/imports/{importId}', `/models/${M}/imports/${importId}`, 200);
    await check(
      'GET',
      '/workspaces/{workspaceId}/models/{modelId}/imports/{importId}',
      `${ws}/imports/${importId}`,
      200,
    );
    await check('GET', '/models/{modelId}/exports/{exportId}', `/models/${M}/exports/${exportId}`, 200);
    await check(
      'GET',
      '/workspaces/{workspaceId}/models/{modelId}/exports/{exportId}',
      `${ws}/exports/${exportId}`,
      200,
    );
    await check('GET', '/models/{modelId}/processes/{processId}', `/models/${M}/processes/${processId}`, 200);
    await check(
      'GET',
      '/workspaces/{workspaceId}/models/{modelId}/processes/{processId}',
      `${ws}/processes/${processId}?showImportDataSource=true`,
      200,
    );
  });

  it('files: list, single and chunked upload, chunked download, delete', async () => {
    const file = '/workspaces/{workspaceId}/models/{modelId}/files/{fileId}';
    await check('GET', '/models/{modelId}/files', `/models/${M}/files`, 200);
    await check('GET', '/workspaces/{workspaceId}/models/{modelId}/files', `${ws}/files`, 200);
    await check('PUT', file, `${ws}/files/${fileId}`, 204, { body: usersCsv });
    await check('GET', file, `${ws}/files/${fileId}`, 200);
    await check('POST', file, `${ws}/files/${fileId}`, 200, { json: { chunkCount: -1 } });
    await check('PUT', `${file}/chunks/{chunkId}`, `${ws}/files/${fileId}/chunks/0`, 204, { body: usersCsv });
    await check('POST', `${file}/complete`, `${ws}/files/${fileId}/complete`, 200, { json: { id: fileId } });
    await check('GET', `${file}/chunks`, `${ws}/files/${fileId}/chunks`, 200);
    await check('GET', '/models/{modelId}/files/{fileId}/chunks', `/models/${M}/files/${fileId}/chunks`, 200);
    await check('GET', `${file}/chunks/{chunkId}`, `${ws}/files/${fileId}/chunks/0`, 200);
    await check('DELETE', file, `${ws}/files/${fileId}`, 204);
    await check('PUT', file, `${ws}/files/${fileId}`, 204, { body: usersCsv });
  });

  it('tasks and dumps of imports, exports, processes and actions, with the task schemas tightened', async () => {
    const base = '/workspaces/{workspaceId}/models/{modelId}';
    const importDump = `${base}/imports/{importId}/tasks/{taskId}/dump`;
    for (const [kind, idName, id] of taskKinds) {
      const started = await check(
        'POST',
        `${base}/${kind}/{${idName}}/tasks`,
        `${ws}/${kind}/${id}/tasks`,
        200,
        {
          json: { localeName: 'en_US' },
        },
      );
      // Imports and processes declare a bare TaskWithUrl, which passes any body; the default answer is the envelope
      // every client of record reads (the bare shape is checked under taskStartShape 'bare' below).
      expectSchema(
        envelopeOf('task', tightened('TaskWithUrl', startedTask)),
        started.body,
        `POST ${kind} tasks`,
      );
      const taskId = (started.body as { task: { taskId: string } }).task.taskId;
      const listed = await check(
        'GET',
        `${base}/${kind}/{${idName}}/tasks`,
        `${ws}/${kind}/${id}/tasks?sort=-creationDate`,
        200,
      );
      expectSchema(
        envelopeOf('tasks', { type: 'array', minItems: 1, items: tightened('TaskWithUrl', startedTask) }),
        listed.body,
        `GET ${kind} tasks`,
      );
      const task = await finish(`${ws}/${kind}/${id}/tasks/${taskId}`);
      const polled = await check(
        'GET',
        `${base}/${kind}/{${idName}}/tasks/{taskId}`,
        `${ws}/${kind}/${id}/tasks/${taskId}`,
        200,
      );
      expectSchema(envelopeOf('task', tightened('Task', polledTask)), polled.body, `GET ${kind} task`);
      expect(task['result']).toMatchObject({ objectId: id });
      if (kind === 'imports') {
        expect(task['result']).toMatchObject({ successful: true, failureDumpAvailable: true });
        const path = `${ws}/imports/${id}/tasks/${taskId}/dump`;
        const whole = await check('GET', importDump, path, 200);
        expect(whole.body).toContain('"_Status_"');
        await check('GET', `${importDump}/chunks`, `${path}/chunks`, 200);
        await check('GET', `${importDump}/chunks/{chunkId}`, `${path}/chunks/0`, 200);
      }
      if (kind === 'exports') {
        // The result of an export names the export, which is also the file its rows are read from.
        expect(task['result']).toMatchObject({
          successful: true,
          failureDumpAvailable: false,
          objectId: exportId,
        });
        await check('GET', `${base}/files/{fileId}/chunks`, `${ws}/files/${exportId}/chunks`, 200);
      }
      if (kind === 'processes') {
        // Process dumps (…/dumps/{objectId}) are in neither the spec nor the live notes: they are checked against
        // the import dump's responses, the same file of the same import.
        expect(task['result']).toMatchObject({
          objectId: processId,
          nestedResults: [
            { objectId: importId, failureDumpAvailable: true },
            { objectId: exportId, failureDumpAvailable: false },
          ],
        });
        const path = `${ws}/processes/${id}/tasks/${taskId}/dumps/${importId}`;
        const whole = await check('GET', importDump, path, 200);
        expect(whole.body).toContain('"_Status_"');
        await check('GET', `${importDump}/chunks`, `${path}/chunks`, 200);
        await check('GET', `${importDump}/chunks/{chunkId}`, `${path}/chunks/0`, 200);
      }
    }
  });

  it("task starts in the spec's bare shape (taskStartShape 'bare'): TaskWithUrl with its taskId", async () => {
    sim.state.switches.taskStartShape = 'bare';
    try {
      for (const [kind, idName, id] of [
        ['imports', 'importId', importId],
        ['processes', 'processId', processId],
      ] as const) {
        const template = `/workspaces/{workspaceId}/models/{modelId}/${kind}/{${idName}}/tasks`;
        const started = await check('POST', template, `${ws}/${kind}/${id}/tasks`, 200, {
          json: { localeName: 'en_US' },
        });
        expectSchema(tightened('TaskWithUrl', startedTask), started.body, `POST ${kind} tasks (bare)`);
        await finish(`${ws}/${kind}/${id}/tasks/${(started.body as { taskId: string }).taskId}`);
      }
    } finally {
      sim.state.switches.taskStartShape = 'wrapped';
    }
  });

  it('task cancel: the body of DELETE …/tasks/{taskId} is the task, as GET …/tasks/{taskId} answers it', async () => {
    // Neither the spec nor the live notes document cancel (the research notes: Anaplan Connect reads a task-status
    // body). Its answer is checked against the schema of the same task's GET, tightened as above.
    const base = '/workspaces/{workspaceId}/models/{modelId}';
    sim.state.switches.holdTasks = true;
    try {
      const start = async (kind: string, id: string) => {
        const answer = await call('POST', `${ws}/${kind}/${id}/tasks`, { json: { localeName: 'en_US' } });
        return `${ws}/${kind}/${id}/tasks/${(answer.body as { task: { taskId: string } }).task.taskId}`;
      };
      for (const [kind, idName, id] of taskKinds) {
        const running = await start(kind, id);
        const queued = await start(kind, id);
        const getTemplate = `${base}/${kind}/{${idName}}/tasks/{taskId}`;
        for (const [path, state] of [
          [queued, 'CANCELLED'],
          [running, 'CANCELLING'],
        ] as const) {
          const cancelled = await call('DELETE', path);
          expect(cancelled.status, `DELETE ${path}`).toBe(200);
          expectResponseMatches(spec, { path: getTemplate, method: 'get', status: 200 }, cancelled.body);
          expectSchema(
            envelopeOf('task', tightened('Task', polledTask)),
            cancelled.body,
            `DELETE ${kind} task`,
          );
          expect((cancelled.body as { task: { taskState: string } }).task.taskState).toBe(state);
        }
        sim.state.switches.holdTasks = false;
        expect((await finish(running))['taskState']).toBe('CANCELLED');
        sim.state.switches.holdTasks = true;
      }
    } finally {
      sim.state.switches.holdTasks = false;
    }
  });

  it.each([404, 204] as const)(
    'dumps of tasks without one answer %i (emptyDumpStatus), as the import dump declares',
    async (emptyDumpStatus) => {
      const importDump = '/workspaces/{workspaceId}/models/{modelId}/imports/{importId}/tasks/{taskId}/dump';
      sim.state.switches.emptyDumpStatus = emptyDumpStatus;
      try {
        const run = async (kind: string, id: string) => {
          const answer = await call('POST', `${ws}/${kind}/${id}/tasks`, { json: { localeName: 'en_US' } });
          const taskPath = `${ws}/${kind}/${id}/tasks/${(answer.body as { task: { taskId: string } }).task.taskId}`;
          await finish(taskPath);
          return taskPath;
        };
        // An export's dump, and the dump of a process's export action: no failures, so no dump.
        const exported = await run('exports', exportId);
        const processed = await run('processes', processId);
        for (const dump of [`${exported}/dump`, `${processed}/dumps/${exportId}`]) {
          const whole = await call('GET', dump);
          const chunks = await call('GET', `${dump}/chunks`);
          if (emptyDumpStatus === 204) {
            await check('GET', importDump, dump, 204);
            // The chunk listing of no content: 200 without the `chunks` key, as for a file without content.
            await check('GET', `${importDump}/chunks`, `${dump}/chunks`, 200);
            expect(chunks.body).not.toHaveProperty('chunks');
          } else {
            for (const answer of [whole, chunks]) {
              expect(answer.status).toBe(404);
              expectComponentMatches(spec, 'ErrorResponse', answer.body);
            }
            const declared = (spec.document['paths'] as Record<string, { get: { responses: object } }>)[
              importDump
            ];
            expect(Object.keys(declared?.get.responses ?? {})).toContain('404');
          }
        }
      } finally {
        sim.state.switches.emptyDumpStatus = 404;
      }
    },
  );

  it('error bodies: status, path and timestamp for 400, 401, 403, 404, 405, 413, 415 and 429', async () => {
    // ErrorResponse requires only `status`, which makes the check vacuous for `path` and `timestamp`: the live
    // notes show every error envelope with both, so the test requires them too.
    const expectEnvelope = (answer: Answer, status: number, path: string) => {
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(status);
      expectComponentMatches(spec, 'ErrorResponse', answer.body);
      expect(answer.body).toMatchObject({ status: { code: status }, path: `/2/0${path.split('?')[0]}` });
      expect(Date.parse((answer.body as { timestamp: string }).timestamp)).not.toBeNaN();
    };
    expectEnvelope(
      await call('POST', `${ws}/files/${fileId}`, { body: '{"chunkCount":' }),
      400,
      `${ws}/files/${fileId}`,
    );
    const saved = token;
    token = 'not-a-token';
    try {
      expectEnvelope(await call('GET', '/users/me'), 401, '/users/me');
    } finally {
      token = saved;
    }
    expectEnvelope(await call('GET', `/models/${M}/nothing-here`), 404, `/models/${M}/nothing-here`);
    expectEnvelope(await call('GET', `/workspaces/${W}/models/${M}`), 405, `/workspaces/${W}/models/${M}`);
    const bomb = gzipSync(Buffer.alloc(51 * 1024 * 1024, 0x41));
    const chunk = `${ws}/files/${fileId}/chunks/0`;
    expectEnvelope(await call('PUT', chunk, { body: bomb, contentType: 'application/x-gzip' }), 413, chunk);
    sim.faults.failNext({ status: 429, retryAfter: 1, route: /^GET \/2\/0\/workspaces$/ });
    const limited = await call('GET', '/workspaces');
    expectEnvelope(limited, 429, '/workspaces');
    // A model member who is not a workspace administrator may not close the model.
    const saved403 = token;
    token = session('jane@example.com');
    try {
      expectEnvelope(await call('POST', `/models/${M}/close`), 403, `/models/${M}/close`);
    } finally {
      token = saved403;
    }
    // uploadContentTypes 'strict' (the default): file content of another type is refused with 415.
    expectEnvelope(await call('PUT', chunk, { body: usersCsv, contentType: 'text/csv' }), 415, chunk);
  });

  it('error bodies: 422, 423 and 424 for a task start in an archived, locked or in-maintenance model', async () => {
    const model = sim.state.models.get(M);
    if (!model) throw new Error('no model');
    const start = `${ws}/exports/${exportId}/tasks`;
    try {
      for (const [state, status] of [
        ['ARCHIVED', 422],
        ['LOCKED', 423],
        ['MAINTENANCE', 424],
      ] as const) {
        model.state = state;
        const answer = await call('POST', start, { json: { localeName: 'en_US' } });
        expect(answer.status, state).toBe(status);
        expectComponentMatches(spec, 'ErrorResponse', answer.body);
        expect(answer.body).toMatchObject({ status: { code: status }, path: `/2/0${start}` });
      }
    } finally {
      model.state = 'UNLOCKED';
    }
  });

  it('error bodies: 404 for an unknown model-scoped resource', async () => {
    await check('GET', '/models/{modelId}/imports/{importId}', `/models/${M}/imports/112999999999`, 404);
    await check('GET', '/models/{modelId}/actions', `/models/${'F'.repeat(32)}/actions`, 404);
  });
});
