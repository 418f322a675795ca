import { createHash } from 'node:crypto';
import { planWorkload } from './plan-workload.ts';
import { fingerprintObserved } from '../../packages/reconcile/dist/internal/fingerprints.js';
const cpu = () => { const u = process.threadCpuUsage(); return (u.user + u.system) / 1000; };
const { desired, observed } = planWorkload(100000);
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;
class Writer {
  hash = createHash('sha256'); text = '';
  flush() { if (this.text.length > 1 << 16) { this.hash.update(this.text); this.text = ''; } }
  str(s: string) { this.text += needsEscape.test(s) ? JSON.stringify(s) : '"' + s + '"'; }
  value(v: unknown, inArray: boolean): boolean {
    switch (typeof v) {
      case 'string': this.str(v); return true;
      case 'number': this.text += Number.isFinite(v) ? String(v) : 'null'; return true;
      case 'boolean': this.text += v ? 'true' : 'false'; return true;
      case 'object': break;
      case 'bigint': throw new TypeError('BigInt');
      default: if (inArray) { this.text += 'null'; return true; } return false;
    }
    if (v === null) { this.text += 'null'; return true; }
    if (typeof (v as any).toJSON === 'function') return this.value((v as any).toJSON(), inArray);
    if (Array.isArray(v)) {
      this.text += '[';
      for (let i = 0; i < v.length; i++) { if (i > 0) this.text += ','; this.value(v[i], true); }
      this.text += ']'; this.flush(); return true;
    }
    const keys = Object.keys(v);
    let sorted = true;
    for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) { sorted = false; break; }
    if (!sorted) keys.sort();
    this.text += '{';
    let first = true;
    for (const k of keys) {
      const inner = (v as any)[k];
      if (inner === undefined || typeof inner === 'function' || typeof inner === 'symbol') continue;
      if (!first) this.text += ',';
      first = false;
      this.str(k); this.text += ':';
      this.value(inner, false);
    }
    this.text += '}'; this.flush(); return true;
  }
  digest() { this.hash.update(this.text); return this.hash.digest('hex'); }
}
let t = cpu();
const old = fingerprintObserved(observed);
console.log('old', cpu() - t);
t = cpu();
const { observedAt: _o, ...rest } = observed;
const w = new Writer();
w.value({ ...rest, users: [...observed.users].map((user) => ({ ...user, workspaces: [...user.workspaces].sort() })).sort((l, r) => (l.id < r.id ? -1 : l.id > r.id ? 1 : 0)) }, false);
const n = 'sha256:' + w.digest();
console.log('new', cpu() - t, n === old);
