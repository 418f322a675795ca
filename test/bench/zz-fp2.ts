import { createHash } from 'node:crypto';
import { planWorkload } from './plan-workload.ts';
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const { desired, observed } = planWorkload(100000);

class Digest {
  hash = createHash('sha256'); text = '';
  add(piece: string) { this.text += piece; if (this.text.length > 1 << 16) { this.hash.update(this.text); this.text = ''; } }
  done() { this.hash.update(this.text); return this.hash.digest('hex'); }
}
function access(a: any): string {
  return JSON.stringify([a.role, a.sso, a.workspaceAdmin]) + canonical(a.selectiveAccess);
}
function canonical(value: any): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  keys.sort();
  let out = '{';
  for (const k of keys) { const v = value[k]; out += JSON.stringify(k) + ':' + JSON.stringify([v.read, v.write]); }
  return out + '}';
}
let t = cpu();
const d1 = new Digest();
const users = [...observed.users].sort((l, r) => (l.id < r.id ? -1 : l.id > r.id ? 1 : 0));
for (const u of users) d1.add(JSON.stringify([u.id, u.userName, u.givenName, u.familyName, u.active, u.externalId ?? null, [...u.workspaces].sort()]));
for (const m of observed.models) {
  d1.add(JSON.stringify([m.workspaceId, m.modelId, m.name, m.access]));
  for (const key of Object.keys(m.users).sort()) d1.add(JSON.stringify(key) + access(m.users[key]));
}
d1.done();
console.log('observed', cpu() - t);
t = cpu();
const d2 = new Digest();
for (const u of desired.users) {
  d2.add(JSON.stringify([u.userName, u.givenName, u.familyName, u.active, u.externalId ?? null, u.workspaces]));
  for (const key of Object.keys(u.models).sort()) d2.add(JSON.stringify(key) + access(u.models[key]));
}
d2.done();
console.log('desired', cpu() - t);
