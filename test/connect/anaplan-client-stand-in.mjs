// A stand-in for Anaplan Connect's AnaplanClient.sh, written for the tests of the Connect bundle: no Java, the
// simulator's Integration API over HTTP. It reads its arguments left to right as Connect does (-service, -auth,
// -user, -workspace, -model, -chunksize, -file … -put …, -import … -execute, -output …), prints the result lines
// Connect prints ("The operation was successful", "The operation failed", "The operation was cancelled") and writes
// the import's dump with -output ("No dump file is available." when there is none). Like Connect it exits 0 when a
// task completes unsuccessfully, and 1 on an exception (refused credentials, an unknown file or import, HTTP errors).
// Every invocation is appended to $STAND_IN_CALLS, when set, so that a test can tell whether Connect was called.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (process.env.STAND_IN_CALLS) appendFileSync(process.env.STAND_IN_CALLS, `${JSON.stringify(args)}\n`);

const state = {
  service: undefined,
  auth: undefined,
  user: undefined,
  workspace: undefined,
  model: undefined,
};
let token;
let file;
let action;
let task;

function fail(message) {
  console.log(`Anaplan API: ${message}`);
  process.exit(1);
}

async function call(method, path, init = {}) {
  const response = await fetch(`${state.service.replace(/\/+$/, '')}/2/0${path}`, {
    method,
    ...init,
    headers: { Authorization: `AnaplanAuthToken ${token}`, Accept: 'application/json', ...init.headers },
  });
  if (!response.ok) fail(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

async function signIn() {
  if (token) return;
  const [user, ...password] = (state.user ?? '').split(':');
  const basic = Buffer.from(`${user}:${password.join(':')}`).toString('base64');
  const response = await fetch(`${state.auth.replace(/\/+$/, '')}/token/authenticate`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
  });
  if (!response.ok) fail(`Authentication failed (${response.status}); check your credentials`);
  token = (await response.json()).tokenInfo.tokenValue;
}

const modelPath = () => `/workspaces/${state.workspace}/models/${state.model}`;

async function find(collection, key, nameOrId) {
  const body = await (await call('GET', `${modelPath()}/${collection}`)).json();
  const found = (body[key] ?? []).find((item) => item.id === nameOrId || item.name === nameOrId);
  if (!found) fail(`${collection.slice(0, -1)} "${nameOrId}" not found`);
  return found;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (let index = 0; index < args.length; index += 1) {
  const flag = args[index];
  const value = () => {
    index += 1;
    return args[index];
  };
  switch (flag) {
    case '-service':
    case '-auth':
    case '-user':
    case '-workspace':
    case '-model':
      state[flag.slice(1)] = value();
      break;
    case '-chunksize':
      value();
      break;
    case '-file':
      await signIn();
      file = await find('files', 'files', value());
      break;
    case '-put': {
      const content = readFileSync(value());
      await call('PUT', `${modelPath()}/files/${file.id}`, {
        body: content,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      console.log(`Upload to ${file.name} completed.`);
      break;
    }
    case '-import':
      await signIn();
      action = await find('imports', 'imports', value());
      break;
    case '-execute': {
      const started = await (
        await call('POST', `${modelPath()}/imports/${action.id}/tasks`, {
          body: JSON.stringify({ localeName: 'en_US' }),
          headers: { 'Content-Type': 'application/json' },
        })
      ).json();
      const taskId = started.task?.taskId ?? started.taskId;
      console.log(`Run status: ${action.name} started (${taskId})`);
      for (;;) {
        task = (await (await call('GET', `${modelPath()}/imports/${action.id}/tasks/${taskId}`)).json()).task;
        if (task.taskState === 'COMPLETE' || task.taskState === 'CANCELLED') break;
        await sleep(20);
      }
      if (task.taskState === 'CANCELLED') console.log('The operation was cancelled by the user');
      else if (task.result?.successful) console.log('<<< The operation was successful >>>  =)');
      else console.log('!!! The operation failed !!!  =(');
      for (const detail of task.result?.details ?? []) console.log(detail.localMessageText ?? detail.type);
      break;
    }
    case '-output': {
      const path = value();
      if (!task?.result?.failureDumpAvailable) {
        console.log('No dump file is available.');
        break;
      }
      const dump = await call('GET', `${modelPath()}/imports/${action.id}/tasks/${task.taskId}/dump`);
      writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
      console.log(`Dump file written to ${path}`);
      break;
    }
    default:
      fail(`unknown argument ${flag}`);
  }
}
