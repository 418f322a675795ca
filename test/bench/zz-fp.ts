import { createHash } from 'node:crypto';
import { planWorkload } from './plan-workload.ts';
import { canonicalJson } from '../../packages/reconcile/dist/internal/fingerprint.js';

class CanonicalHash {
  hash = createHash('sha256');
  buffer = '';
  push(text: string) { this.buffer += text; if (this.buffer.length > 65536) { this.hash.update(this.buffer); this.buffer = ''; } }
  value(value: unknown, inArray: boolean): boolean {
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON(): unknown }).toJSON();
    switch (typeof value) {
      case 'string': this.push(JSON.stringify(value)); return true;
      case 'number': this.push(Number.isFinite(value) ? String(value) : 'null'); return true;
      case 'boolean': this.push(value ? 'true' : 'false'); return true;
      case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
      case 'object': break;
      default: if (inArray) { this.push('null'); return true; } return false;
    }
    if (value === null) { this.push('null'); return true; }
    if (Array.isArray(value)) {
      this.push('[');
      for (let i = 0; i < value.length; i++) { if (i > 0) this.push(','); this.value(value[i], true); }
      this.push(']'); return true;
    }
    this.push('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner === undefined || typeof inner === 'function' || typeof inner === 'symbol') continue;
      this.push(first ? JSON.stringify(key) + ':' : ',' + JSON.stringify(key) + ':');
      first = false;
      this.value(inner, false);
    }
    this.push('}'); return true;
  }
  digest() { this.hash.update(this.buffer); return `sha256:${this.hash.digest('hex')}`; }
}
const n = Number(process.argv[2]);
const { desired, observed } = planWorkload(n);
let t = performance.now();
const a = createHash('sha256').update(canonicalJson(desired)).digest('hex'); console.log('old', performance.now() - t);
t = performance.now();
const h = new CanonicalHash(); h.value(desired, false); const b = h.digest(); console.log('new', performance.now() - t, a === b.slice(7));
t = performance.now(); const s = JSON.stringify(desired); console.log('plain stringify', performance.now() - t, s.length);
t = performance.now(); createHash('sha256').update(s).digest('hex'); console.log('hash only', performance.now() - t);
