import { inspect } from 'node:util';
import { htmlEscape, secretForms } from '@anaplan-access/test-support';
import { describe, expect, it } from 'vitest';
import { redactValue } from './redact-value.js';
import { scrubText } from './redaction.js';

// A secret with every character an escaper touches: `/`, `+`, a space, quotes, `&`, `<`, `>`, `\`, non-ASCII.
const secret = `CANARY/p+ss w"rd&<x>'\\é`;

const forms = secretForms(secret);

describe('scrubText finds a secret in every escaped form', () => {
  it.each(Object.entries(forms))('%s', (_name, form) => {
    expect(form).not.toBe(''); // the form is what the test claims it is
    const text = `<p>Login refused for ${form}; try again</p>`;
    const scrubbed = scrubText(text, [secret]);
    expect(scrubbed).toContain('[REDACTED]');
    expect(scrubbed).not.toContain(form);
    expect(scrubbed).toMatch(/^<p>Login refused for \S*\[REDACTED\]/);
    expect(scrubbed).toMatch(/; try again<\/p>$/);
  });

  it('finds it when only some of its characters are escaped, each in its own way', () => {
    const mixed = 'CANARY&#47;p%2Bss+w\\"rd&amp;&lt;x&gt;\\u0027\\\\%C3%A9';
    expect(scrubText(`x=${mixed}!`, [secret])).toBe('x=[REDACTED]!');
  });

  it('leaves text that holds no secret as it is, escapes included', () => {
    const text = 'a&amp;b %2F c\\u0041 d+e "status": "ok" Basic information, status code=404';
    expect(scrubText(text, [secret])).toBe(text);
  });

  it('finds a secret in a text longer than one search window', () => {
    const filler = 'x'.repeat(1_100_000);
    const text = `${filler}${encodeURIComponent(secret)}${filler}${htmlEscape(secret)}`;
    const scrubbed = scrubText(text, [secret]);
    expect(scrubbed).toBe(`${filler}[REDACTED]${filler}[REDACTED]`);
  });

  it('masks credential-shaped values whose secret is not known', () => {
    expect(scrubText('sent Authorization: AnaplanAuthToken abcd1234efgh5678, Bearer 0123456789abcdef')).toBe(
      'sent Authorization: AnaplanAuthToken [REDACTED], Bearer [REDACTED]',
    );
    expect(scrubText('grant_type=refresh_token&refresh_token=r1r2r3r4&client_secret=c1c2')).toBe(
      'grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]',
    );
    expect(scrubText('GET /x?code=abc&page=2 {"password": "hunter22", "user": "a"}')).toBe(
      'GET /x?code=[REDACTED]&page=2 {"password": "[REDACTED]", "user": "a"}',
    );
  });
});

describe('redactValue redacts a whole cause chain', () => {
  function chain(): Error {
    const innermost = new Error(`socket said ${encodeURIComponent(secret)}`);
    const aggregate = new AggregateError(
      [innermost, { headers: { authorization: 'AnaplanAuthToken zzzz' }, detail: secret }, `text ${secret}`],
      `several failures, one with ${htmlEscape(secret)}`,
    );
    const middle = new TypeError(`fetch failed for ${secret}`, { cause: aggregate });
    Object.assign(middle, { code: 'E_CANARY', refresh_token: 'rt-unknown-value' });
    return new Error('outer', { cause: middle });
  }

  it('leaves no secret in the copy, by any road: properties, util.inspect, stacks', () => {
    const redacted = redactValue(chain(), [secret]) as Error;
    const texts = [inspect(redacted, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
    const walk = (value: unknown, depth: number): void => {
      if (depth > 10 || typeof value !== 'object' || value === null) {
        texts.push(String(value));
        return;
      }
      if (value instanceof Error) texts.push(value.message, value.stack ?? '');
      for (const key of Reflect.ownKeys(value)) walk((value as Record<PropertyKey, unknown>)[key], depth + 1);
    };
    walk(redacted, 0);
    for (const text of texts) {
      for (const form of Object.values(forms)) expect(text).not.toContain(form);
      expect(text).not.toContain('rt-unknown-value');
      expect(text).not.toContain('zzzz');
    }
  });

  it('keeps what is not secret: prototypes, names, codes, the shape of the chain', () => {
    const redacted = redactValue(chain(), [secret]) as Error;
    const middle = redacted.cause as TypeError & { code: string; refresh_token: string };
    expect(redacted.message).toBe('outer');
    expect(middle).toBeInstanceOf(TypeError);
    expect(middle.message).toBe('fetch failed for [REDACTED]');
    expect(middle.code).toBe('E_CANARY');
    expect(middle.refresh_token).toBe('[REDACTED]');
    const aggregate = middle.cause as AggregateError;
    expect(aggregate).toBeInstanceOf(AggregateError);
    expect(aggregate.errors).toHaveLength(3);
    expect(aggregate.errors[2]).toBe('text [REDACTED]');
    expect(inspect(redacted)).toContain('[cause]: TypeError: fetch failed for [REDACTED]');
  });

  it('returns the value itself when nothing needed redacting, and survives cycles', () => {
    const clean = new Error('disk full', { cause: { path: '/tmp/x' } });
    expect(redactValue(clean, [secret])).toBe(clean);
    const cyclic = new Error(`loop ${secret}`);
    Object.assign(cyclic, { self: cyclic });
    const copy = redactValue(cyclic, [secret]) as Error & { self: unknown };
    expect(copy.message).toBe('loop [REDACTED]');
    expect(copy.self).toBe(copy);
  });

  it('rebuilds a DOMException abort reason and hides a Request', () => {
    const reason = new DOMException(`aborted by ${secret}`, 'AbortError');
    const copy = redactValue(reason, [secret]) as DOMException;
    expect(copy).toBeInstanceOf(DOMException);
    expect(copy.name).toBe('AbortError');
    expect(copy.message).toBe('aborted by [REDACTED]');
    const request = new Request('https://example.com/x?access_token=abcdef', {
      headers: { authorization: 'AnaplanAuthToken secret-token-value' },
    });
    expect(inspect(redactValue({ request }))).not.toMatch(/secret-token-value|abcdef/);
  });
});
