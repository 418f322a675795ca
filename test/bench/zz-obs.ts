import { basicAuth } from '@anaplan-access/core';
import { ScimClient } from '@anaplan-access/scim';
import { startRemoteSimulator } from './remote-simulator.ts';

const ws = 'a0000000000000000000000000000001';
const users = [
  { userName: 'admin@x.example', password: 'pw-123456', roles: ['USER_ADMIN'], workspaces: [ws] },
  ...Array.from({ length: 19999 }, (_, u) => ({ userName: `user${u}@corp.example`, workspaces: [ws] })),
];
const sim = await startRemoteSimulator({
  seed: { users, workspaces: [{ id: ws, name: 'W' }] },
  latencyMs: 50,
});
const log: string[] = [];
const t0 = performance.now();
const f: typeof fetch = async (input, init) => {
  const s = performance.now();
  const r = await fetch(input, init);
  log.push(`${(s - t0).toFixed(0)}-${(performance.now() - t0).toFixed(0)}`);
  return r;
};
const scim = new ScimClient({
  baseUrl: sim.scimUrl,
  authUrl: sim.authUrl,
  auth: basicAuth({ username: 'admin@x.example', password: 'pw-123456' }),
  fetch: f,
});
await scim.users.list({ count: 1 });
const s = performance.now();
let n = 0;
for await (const _ of scim.users.list()) n++;
console.log(n, performance.now() - s);
console.log(log.slice(0, 30).join(' '));
console.log(log.slice(-10).join(' '));
await scim.close();
await sim.close();
