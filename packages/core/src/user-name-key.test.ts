import { describe, expect, it } from 'vitest';
import { userNameKey } from './user-name-key.js';

describe('userNameKey', () => {
  it('lower-cases ASCII names, as before', () => {
    expect(userNameKey('Jane.Doe@Example.COM')).toBe('jane.doe@example.com');
    expect(userNameKey('jane.doe@example.com')).toBe('jane.doe@example.com');
  });

  it('gives the NFC and NFD spellings of a name the same key', () => {
    const composed = 'jos\u00e9@example.com';
    const decomposed = 'jose\u0301@example.com';
    expect(composed).not.toBe(decomposed);
    expect(userNameKey(decomposed)).toBe(userNameKey(composed));
    expect(userNameKey('JOSE\u0301@EXAMPLE.COM')).toBe(userNameKey(composed));
    // Keys are NFC, whatever form the name came in.
    expect(userNameKey(decomposed)).toBe(composed);
  });

  it('folds case where toLowerCase does not (Unicode simple case folding)', () => {
    const same = (left: string, right: string) => expect(userNameKey(left)).toBe(userNameKey(right));
    // Final sigma: toLowerCase gives ς or σ by context.
    same(
      '\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3@x.gr',
      '\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c3@x.gr',
    );
    same(
      '\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c2@x.gr',
      '\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c3@x.gr',
    );
    same('\u017fam@x.com', 'sam@x.com'); // long s
    same('\u212aate@x.com', 'kate@x.com'); // Kelvin sign
    same('\u00b5@x.com', '\u03bc@x.com'); // micro sign and Greek mu
    same('STRA\u1e9eE@x.de', 'stra\u00dfe@x.de'); // capital sharp s and ß
    same('\u13a0@x.com', '\uab70@x.com'); // Cherokee: both cases of one letter
    expect('\u017fam'.toLowerCase()).not.toBe('sam');
  });

  it('keeps apart what only looks alike, or only full or locale folding merges', () => {
    const different = (left: string, right: string) => expect(userNameKey(left)).not.toBe(userNameKey(right));
    different('\u0430dmin@x.com', 'admin@x.com'); // Cyrillic а
    different('\uff41dmin@x.com', 'admin@x.com'); // full-width ａ (NFKC would merge it)
    different('stra\u00dfe@x.de', 'strasse@x.de'); // ß and ss (full folding would merge them)
    different('e\ufb00ort@x.com', 'effort@x.com'); // ligature ﬀ
    different('j\u0131ll@x.com', 'jill@x.com'); // dotless ı (Turkish folding only)
  });

  it('does not trim: surrounding spaces are the reader’s job', () => {
    expect(userNameKey(' jane@example.com')).toBe(' jane@example.com');
  });

  it('is idempotent, and gives one key to both cases of every character that has them one for one', () => {
    const single = (text: string) => [...text].length === 1;
    const wrong: string[] = [];
    for (let codePoint = 0x80; codePoint <= 0x2ffff; codePoint += 1) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const character = String.fromCodePoint(codePoint);
      const key = userNameKey(character);
      const [upper, lower] = [character.toUpperCase(), character.toLowerCase()];
      const caseless =
        codePoint === 0x131 || !single(upper) || !single(lower) || userNameKey(upper) === userNameKey(lower);
      if (userNameKey(key) !== key || !caseless) wrong.push(`U+${codePoint.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });
});
