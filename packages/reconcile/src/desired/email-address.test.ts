import { describe, expect, it } from 'vitest';
import { AccessRowSchema } from './access-row.js';
import { describeEmailProblem, visibleEmail } from './email-address.js';

const isEmail = (value: string) => describeEmailProblem(value) === undefined;

describe('describeEmailProblem', () => {
  it('accepts ordinary and international logins', () => {
    for (const email of [
      'jane@example.com',
      'Jane.Doe+x@Example.co.uk',
      'jos\u00e9@example.com',
      'jose\u0301@example.com',
    ])
      expect(isEmail(email), email).toBe(true);
  });

  it('refuses invisible, format, control and space characters anywhere', () => {
    for (const email of [
      'jane\u200b@example.com', // zero width space (Cf)
      'ja\u200dne@example.com', // zero width joiner (Cf)
      '\u202ejane@example.com', // right-to-left override (Cf)
      'jane@exam\u00adple.com', // soft hyphen (Cf)
      'jane\ufeff@example.com', // byte order mark (Cf)
      'jane@example.com\u0000', // NUL (Cc)
      'jane\u0085@example.com', // next line (Cc)
      'ja ne@example.com',
      'jane\u00a0@example.com', // no-break space (Zs)
      'jane\u3000@example.com', // ideographic space (Zs)
      'jane\u2028@example.com', // line separator (Zl)
      'jane\ufe0f@example.com', // variation selector (default ignorable)
      'jane\u3164@example.com', // Hangul filler (default ignorable)
      'jane\ud800@example.com', // lone surrogate
    ])
      expect(isEmail(email), JSON.stringify(email)).toBe(false);
  });

  it('names the hidden character by its code point and keeps the login a person sees', () => {
    expect(describeEmailProblem('jane\u200b@example.com')).toBe(
      '"jane<U+200B>@example.com" is not an e-mail address: it contains U+200B (invisible, control or space characters)',
    );
    expect(visibleEmail('jane\u200b@exa\u00admple.com')).toBe('jane@example.com');
    expect(describeEmailProblem('jane@example.com')).toBeUndefined();
  });

  it('makes such a row an invalid-row issue on the email field', () => {
    const parsed = AccessRowSchema.safeParse({ email: 'jane\u200b@example.com', first_name: 'Jane' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['email'], message: expect.stringContaining('<U+200B>') }),
    ]);
  });
});
