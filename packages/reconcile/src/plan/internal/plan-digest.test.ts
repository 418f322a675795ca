import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan-types.js';
import { canonicalJson } from './fingerprint.js';
import { planDigest } from './plan-digest.js';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('planDigest', () => {
  it('is the SHA-256 of the canonical JSON of everything but the digest, written in pieces', () => {
    const content = {
      b: [1, undefined, 'é', { z: null, a: [true, 2.5] }],
      a: { y: undefined, x: 'x'.repeat(100_000) },
      digest: 'ignored',
    } as unknown as Plan;
    const { digest: _digest, ...rest } = content;
    expect(planDigest(content)).toBe(sha256(canonicalJson(rest)));
  });

  it('does not depend on the order of keys, and changes with any value', () => {
    const one = { formatVersion: '2.0', blocked: true } as unknown as Plan;
    const other = { blocked: true, formatVersion: '2.0' } as unknown as Plan;
    expect(planDigest(one)).toBe(planDigest(other));
    expect(planDigest({ ...one, blocked: false })).not.toBe(planDigest(one));
  });
});
