import { replaceSpans, type SearchForms, searchForms, secretSpans } from './escaped-text.js';

/** What replaces a secret wherever it would have appeared. */
export const redacted = '[REDACTED]';

/** Secrets shorter than this are not scrubbed from free text (they would mangle ordinary words). */
const minimumSecretLength = 4;

/** Header names whose values are always credentials. */
const sensitiveHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
]);

/** Query parameter and JSON key names (lower-cased, without `_` and `-`) whose values are credentials. */
const sensitiveNames = new Set([
  'accesstoken',
  'apikey',
  'authorization',
  'clientsecret',
  'code',
  'devicecode',
  'idtoken',
  'key',
  'passphrase',
  'password',
  'privatekey',
  'refreshtoken',
  'secret',
  'sig',
  'signature',
  'token',
  'tokenvalue',
]);

/** JSON keys masked in bodies. `code` and `key` are too common in ordinary payloads (status codes) to mask there. */
const sensitiveBodyKeys = new Set([...sensitiveNames].filter((name) => name !== 'code' && name !== 'key'));

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/** Whether a JSON key (or an object property) of this name holds a credential, such as `refresh_token`. */
export function isCredentialKey(name: string): boolean {
  return sensitiveBodyKeys.has(normalizeName(name));
}

/**
 * Replaces every known secret inside `text`: raw, base64 (standard and URL-safe), and escaped in any of the ways a
 * server or a log line may have escaped it (HTML character references, JSON escapes, percent-encoding, `+` for a
 * space; see {@link secretSpans}). Credential-shaped pieces are masked even when their value is not known: the value
 * after `Bearer` or `AnaplanAuthToken`, of a credential-named query or form parameter (`refresh_token=…`), and of a
 * credential-named JSON key (`"password": "…"`).
 */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  return scrubWith(text, secretMatcher(secrets));
}

/** Known secrets prepared once for scrubbing many texts (see {@link scrubWith}). */
export type SecretMatcher = SearchForms;

/**
 * Prepares `secrets` for {@link scrubWith}: every form of each (see {@link secretForms}).
 *
 * @example
 * ```ts
 * const matcher = secretMatcher([password]);
 * const lines = texts.map((text) => scrubWith(text, matcher));
 * ```
 */
export function secretMatcher(secrets: Iterable<string>): SecretMatcher {
  return searchForms(secretForms(secrets));
}

/** {@link scrubText} with secrets already prepared by {@link secretMatcher}. */
export function scrubWith(text: string, matcher: SecretMatcher): string {
  const scrubbed = replaceSpans(text, secretSpans(text, matcher), redacted);
  return maskCredentialPatterns(scrubbed);
}

/** Every form of each secret long enough to scrub that is searched for: raw, base64 and URL-safe base64. */
export function secretForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < minimumSecretLength) continue;
    const base64 = Buffer.from(secret).toString('base64');
    forms.add(secret).add(base64).add(base64.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].sort((left, right) => right.length - left.length);
}

const schemeToken = /\b(AnaplanAuthToken|Bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const parameter = /(^|[?&;\s,])([A-Za-z_][A-Za-z0-9_.-]{0,63})=([^&\s#;"'<>]+)/g;
const jsonPair = /("([^"\\]{1,64})"\s*:\s*")((?:[^"\\]|\\.)+)"/g;

function maskCredentialPatterns(text: string): string {
  let result = text;
  if (/bearer|anaplanauthtoken/i.test(result)) result = result.replace(schemeToken, `$1$2${redacted}`);
  if (result.includes('=')) {
    result = result.replace(parameter, (whole, before: string, name: string, value: string) => {
      const normalized = normalizeName(name);
      // `code` and `key` are credentials in a query string, but ordinary words in prose (`status code=404`).
      const credential =
        sensitiveBodyKeys.has(normalized) || (sensitiveNames.has(normalized) && /[?&]/.test(before));
      return credential && !isRedactedValue(value) ? `${before}${name}=${redacted}` : whole;
    });
  }
  if (result.includes('"')) {
    result = result.replace(jsonPair, (whole, start: string, name: string) =>
      isCredentialKey(name) && !whole.endsWith(`${redacted}"`) ? `${start}${redacted}"` : whole,
    );
  }
  return result;
}

function isRedactedValue(value: string): boolean {
  return value === redacted || value === encodeURIComponent(redacted);
}

/** Masks an `Authorization`-like value, keeping only a recognisable scheme (`Basic [REDACTED]`). */
export function redactAuthorization(value: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9-]{0,31}) /.exec(value)?.[1];
  return scheme ? `${scheme} ${redacted}` : redacted;
}

/** Redacts credential query parameters and user info of a URL; invalid URLs are scrubbed as text. */
export function redactUrl(url: string, secrets: Iterable<string> = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return scrubText(url, secrets);
  }
  if (parsed.username) parsed.username = redacted;
  if (parsed.password) parsed.password = redacted;
  for (const name of [...parsed.searchParams.keys()]) {
    if (sensitiveNames.has(normalizeName(name))) parsed.searchParams.set(name, redacted);
  }
  return scrubText(parsed.toString().replaceAll(encodeURIComponent(redacted), redacted), secrets);
}

/** Copies headers into a plain object with credential values masked. */
export function redactHeaders(
  headers: Headers | Record<string, string | undefined> | undefined,
  secrets: Iterable<string> = [],
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization')
      result[lower] = redactAuthorization(value);
    else if (sensitiveHeaders.has(lower)) result[lower] = redacted;
    else result[lower] = scrubText(value, secrets);
  }
  return result;
}

/** Shortens text to `limit` characters, saying how much was cut. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/**
 * Credential values a request itself carries (sensitive query parameters, credential-named keys of a JSON body), so
 * that a server echoing them back cannot make them appear in an error.
 */
export function credentialValuesOf(url: string, json: unknown): string[] {
  const values: string[] = [];
  try {
    for (const [name, value] of new URL(url).searchParams) {
      if (sensitiveNames.has(normalizeName(name)) && value) values.push(value);
    }
  } catch {
    // Not a URL: nothing to collect.
  }
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 8) return;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && item && sensitiveBodyKeys.has(normalizeName(key))) values.push(item);
      else walk(item, depth + 1);
    }
  };
  walk(json, 0);
  return values;
}
