import { createHash } from 'node:crypto';
import { planWorkload } from './plan-workload.ts';
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const { desired, observed } = planWorkload(100000);
let t = cpu();
for (const m of observed.models) Object.keys(m.users).sort();
console.log('keys sort', cpu() - t);
t = cpu();
let n = 0;
for (const m of observed.models) for (const key in m.users) n += m.users[key].role.length;
console.log('iterate', cpu() - t);
t = cpu();
for (const u of desired.users) n += JSON.stringify([u.userName, u.givenName, u.familyName, u.active, u.externalId ?? null, u.workspaces]).length;
console.log('stringify users', cpu() - t);
t = cpu();
let s = ''; const h = createHash('sha256');
for (const u of desired.users) { s += u.userName + u.givenName + u.familyName; if (s.length > 65536) { h.update(s); s = ''; } }
console.log('concat+hash', cpu() - t);
t = cpu();
const parts: string[] = [];
for (const u of desired.users) { parts.push(u.userName, u.givenName, u.familyName); if (parts.length > 4096) { h.update(parts.join('\u0000')); parts.length = 0; } }
console.log('join+hash', cpu() - t);
