/** Escapes `&`, `<`, `>`, quotes and `/` as an HTML templating engine does (`&amp;`, `&quot;`, `&#39;`, `&#x2F;`). */
export function htmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('/', '&#x2F;');
}

/** Every character as an HTML numeric character reference, decimal (`&#47;`) or hexadecimal (`&#x2F;`). */
export function htmlReferences(text: string, radix: 10 | 16): string {
  return [...text]
    .map((character) => {
      const code = character.codePointAt(0) ?? 0;
      return radix === 10 ? `&#${code};` : `&#x${code.toString(16).toUpperCase()};`;
    })
    .join('');
}

/** Every UTF-16 unit as a JSON `\uXXXX` escape. */
export function jsonUnicodeEscape(text: string): string {
  return [...text]
    .flatMap((character) => [
      ...Array.from({ length: character.length }, (_, index) => character.charCodeAt(index)),
    ])
    .map((code) => `\\u${code.toString(16).padStart(4, '0')}`)
    .join('');
}

/**
 * The forms a secret may take once a server or a log line has escaped it, by name: raw, HTML (named, decimal and
 * hexadecimal references), JSON (string escapes and `\u` escapes), percent-encoded (upper- and lower-case hex, form
 * encoding with `+` for a space, twice encoded), and base64. Tests check that none of them reaches an error or a log.
 *
 * @example
 * ```ts
 * for (const form of Object.values(secretForms(password))) expect(text).not.toContain(form);
 * ```
 */
export function secretForms(secret: string): Record<string, string> {
  const percent = encodeURIComponent(secret);
  return {
    raw: secret,
    'HTML named references (&amp; &lt; &quot; &#x2F;)': htmlEscape(secret),
    'HTML decimal references (&#47;)': htmlReferences(secret, 10),
    'HTML hex references (&#x2F;)': htmlReferences(secret, 16),
    'JSON string escapes (\\" \\\\ \\/)': JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    'JSON unicode escapes (\\u002f)': jsonUnicodeEscape(secret),
    'percent-encoded, upper-case hex (%2F)': percent,
    'percent-encoded, lower-case hex (%2f)': percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    'form-encoded (+ for a space)': new URLSearchParams({ v: secret }).toString().slice(2),
    'percent-encoded twice (%252F)': encodeURIComponent(percent),
    'JSON inside HTML (&quot; around \\u0022)': htmlEscape(
      JSON.stringify({ value: jsonUnicodeEscape(secret) }),
    ),
    base64: Buffer.from(secret).toString('base64'),
    'base64, percent-encoded': encodeURIComponent(Buffer.from(secret).toString('base64')),
  };
}
