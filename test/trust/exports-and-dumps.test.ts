import { type DownloadReadError, isDownloadReadError } from '@anaplan-access/bulk';
import { isIncompleteReadError } from '@anaplan-access/core';
import { apply, type DesiredUser, type Plan, plan } from '@anaplan-access/reconcile';
import { type Simulator, startSimulator } from '@anaplan-access/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedTarget, connectTarget } from '../faults/fault-tenant.js';
import { desiredState, desiredUser, ids, modelAccess, tenantSeed } from '../helpers/access-tenant.js';

// Exports and dumps that cannot be read completely are errors (issue 12, §2): a Users export cut in a record, with a
// ragged record, or whose chunks do not add up fails observation; an export without rows for a model whose workspace
// has members makes that model's access unknown; a failure dump that cannot be read whole never reports a row as
// done. Each fault is a real answer of the simulator, rewritten on its way back by the clients' injected `fetch`.

/** Answers a request in the simulator's place, or returns `undefined` to let it through unchanged. */
type Answer = (url: URL, original: () => Promise<Response>) => Promise<Response | undefined>;

let sim: Simulator | undefined;
let connected: ConnectedTarget | undefined;
afterEach(async () => {
  await connected?.close();
  await sim?.close();
  connected = undefined;
  sim = undefined;
});

const budgetExportFile = `/models/${ids.budget}/files/116000000001`;
const person = (name: string) => ({
  userName: `${name}@corp.example`,
  givenName: name,
  familyName: 'Person',
  workspaces: [ids.finance],
});
/** Two Budget users: `keep` stays a Planner; `leave` stays in Finance but loses Budget (a revocation). */
const seed = tenantSeed([person('keep'), person('leave')], {
  budget: [
    {
      email: 'keep@corp.example',
      role: 'Planner',
      selectiveAccess: { Regions: { read: ['EMEA'], write: [] } },
    },
    { email: 'leave@corp.example', role: 'Viewer' },
  ],
});
const wanted = (name: string, models: DesiredUser['models']) =>
  desiredUser(`${name}@corp.example`, { models });
const keepPlanner = (role = 'Planner') => wanted('keep', { Budget: modelAccess(role, ['EMEA']) });
const desired = desiredState([keepPlanner(), wanted('leave', {})]);

/** A `fetch` that sends every call to the simulator and lets `answer` replace (or rewrite) what comes back. */
function answeringFetch(answer: Answer): typeof globalThis.fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    let sent: Promise<Response> | undefined;
    const original = () => {
      sent ??= globalThis.fetch(input, init);
      return sent;
    };
    return (await answer(url, original)) ?? original();
  };
}

function bytes(body: string): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** Rewrites the JSON answer of `original`. */
async function rewriteJson(
  original: () => Promise<Response>,
  change: (body: Record<string, unknown>) => Record<string, unknown>,
): Promise<Response> {
  return json(change((await (await original()).json()) as Record<string, unknown>));
}

async function connect(answer: Answer): Promise<ConnectedTarget> {
  sim = await startSimulator({ seed, switches: { taskDurationMs: 5 } });
  connected = connectTarget(sim, { fetch: answeringFetch(answer) });
  return connected;
}

/** Plans `desired`, which must fail with a DownloadReadError (an IncompleteReadError); returns it. */
async function refusedPlan(target: ConnectedTarget): Promise<DownloadReadError> {
  const error = await plan({ desired, target: target.target }).then(
    (made) => ({ planned: made.operations.map((operation) => `${operation.kind} ${operation.userName}`) }),
    (caught: unknown) => caught,
  );
  expect(isDownloadReadError(error), `not a DownloadReadError: ${JSON.stringify(error)}`).toBe(true);
  expect(isIncompleteReadError(error)).toBe(true);
  return error as DownloadReadError;
}

const revocations = (made: Plan) =>
  made.operations
    .filter((operation) => operation.kind === 'model.access.revoke')
    .map((operation) => operation.userName);

describe('a Users export that cannot be read completely fails observation', () => {
  it('plans the revocation when the export arrives whole (the control case)', async () => {
    const target = await connect(async () => undefined);
    expect(revocations(await plan({ desired, target: target.target }))).toEqual(['leave@corp.example']);
  });

  it('refuses an export cut in the middle of a record (before: the half row was read, its missing cells as "")', async () => {
    const target = await connect(async (url, original) => {
      if (!url.pathname.endsWith(`${budgetExportFile}/chunks/0`)) return undefined;
      const text = await (await original()).text();
      return bytes(text.slice(0, text.indexOf('leave@corp.example,leave,Person,') + 32));
    });
    const error = await refusedPlan(target);
    expect(error).toMatchObject({ problem: 'csv', row: 2, what: 'export 116000000001' });
    expect(error.cause).toMatchObject({ problem: 'column-count', expectedColumns: 7, actualColumns: 4 });
  });

  it('refuses a record whose cell count differs from the header', async () => {
    const target = await connect(async (url, original) => {
      if (!url.pathname.endsWith(`${budgetExportFile}/chunks/0`)) return undefined;
      return bytes((await (await original()).text()).replace('leave@corp.example,', 'leave@corp.example,,'));
    });
    expect(await refusedPlan(target)).toMatchObject({ problem: 'csv', row: 2 });
  });

  it('refuses an export whose chunks do not match what the file announces, or with an empty chunk', async () => {
    const announceTwo = (url: URL, original: () => Promise<Response>) =>
      url.pathname.endsWith(`/models/${ids.budget}/files`)
        ? rewriteJson(original, (body) => ({
            ...body,
            files: (body.files as { id: string }[]).map((file) =>
              file.id === '116000000001' ? { ...file, chunkCount: 2 } : file,
            ),
          }))
        : undefined;
    // The file announces two chunks; the chunk listing (consistent in itself) has one.
    const fewer = await connect(async (url, original) => announceTwo(url, original));
    expect(await refusedPlan(fewer)).toMatchObject({ problem: 'chunk-count' });
    await connected?.close();
    await sim?.close();

    // Two chunks listed and announced, the second empty.
    const empty = await connect(async (url, original) => {
      if (url.pathname.endsWith(`${budgetExportFile}/chunks`))
        return rewriteJson(original, (body) => ({
          ...body,
          meta: { ...(body.meta as object), paging: { currentPageSize: 2, offset: 0, totalSize: 2 } },
          chunks: [
            { id: '0', name: 'Chunk 0' },
            { id: '1', name: 'Chunk 1' },
          ],
        }));
      if (url.pathname.endsWith(`${budgetExportFile}/chunks/1`)) return bytes('');
      return announceTwo(url, original);
    });
    expect(await refusedPlan(empty)).toMatchObject({ problem: 'empty-chunk' });
  });
});

describe('a Users export without rows, for a model whose workspace has members', () => {
  it('makes the model access unknown: desired rows imported in full, nothing revoked, a note says why', async () => {
    const target = await connect(async (url, original) => {
      if (!url.pathname.endsWith(`${budgetExportFile}/chunks/0`)) return undefined;
      const text = await (await original()).text();
      return bytes(text.slice(0, text.indexOf('\n') + 1)); // the header only
    });
    const made = await plan({ desired, target: target.target });
    expect(made.scope.models.find((model) => model.modelId === ids.budget)?.access).toBe('unknown');
    expect(made.notes.join('\n')).toMatch(
      /Model "Budget": its current access is unknown \(its Users export has no rows although its workspace has 3 members\)/,
    );
    expect(revocations(made)).toEqual([]);
    expect(made.operations).toEqual([
      expect.objectContaining({ kind: 'model.access.set', userName: 'keep@corp.example', before: 'unknown' }),
    ]);
  });
});

describe('a failure dump that cannot be read whole never reports a row as done', () => {
  /** The import task reports a failure dump; `dump` answers its chunk listing and chunk 0. */
  function withDump(dump: string): Answer {
    return async (url, original) => {
      if (/\/imports\/[^/]+\/tasks\/[^/]+$/.test(url.pathname))
        return rewriteJson(original, (body) => {
          const task = body.task as { taskState?: string; result?: Record<string, unknown> };
          if (task.taskState !== 'COMPLETE' || !task.result) return body;
          return { ...body, task: { ...task, result: { ...task.result, failureDumpAvailable: true } } };
        });
      if (url.pathname.endsWith('/dump/chunks'))
        return json({
          meta: { schema: 'x', paging: { currentPageSize: 1, offset: 0, totalSize: 1 } },
          status: { code: 200, message: 'Success' },
          chunks: [{ id: '0', name: 'Chunk 0' }],
        });
      if (url.pathname.endsWith('/dump/chunks/0')) return bytes(dump);
      return undefined;
    };
  }
  const dumpHeader = '"_Status_","Email","First Name","Last Name","Role","_Line_","_Error_1_"\n';
  /** Two role changes in one Budget import. */
  const twoChanges = desiredState([
    keepPlanner('Viewer'),
    wanted('leave', { Budget: keepPlanner().models.Budget }),
  ]);

  async function applied(dump: string) {
    const target = await connect(withDump(dump));
    const made = await plan({ desired: twoChanges, target: target.target });
    expect(made.operations.map((operation) => operation.kind)).toEqual([
      'model.access.set',
      'model.access.set',
    ]);
    return apply(made, { target: target.target, verifyFingerprint: false });
  }

  it('fails every row of an import whose dump is cut in a record (before: the cut row read as done)', async () => {
    const result = await applied(
      `${dumpHeader}"E","keep@corp.example","keep","Person","Viewer","2","Invalid role"\n"E","`,
    );
    expect(result.results.map((entry) => [entry.userName, entry.status])).toEqual([
      ['keep@corp.example', 'failed'],
      ['leave@corp.example', 'failed'],
    ]);
    expect(result.results[1]?.error).toMatch(/cannot be read completely|could not be read completely/);
  });

  it('fails every row when the dump has more rows than were uploaded (some were not read into the result)', async () => {
    const others = Array.from(
      { length: 20 },
      (_, index) => `"E","other${index}@corp.example","o","P","Viewer","${index + 3}","Invalid role"\n`,
    ).join('');
    const result = await applied(
      `${dumpHeader}${others}"E","keep@corp.example","keep","Person","Viewer","2","x"\n`,
    );
    expect(result.results.map((entry) => [entry.userName, entry.status])).toEqual([
      ['keep@corp.example', 'failed'],
      ['leave@corp.example', 'failed'],
    ]);
    expect(result.results.find((entry) => entry.userName === 'leave@corp.example')?.error).toMatch(
      /outcome unknown/,
    );
  });
});
