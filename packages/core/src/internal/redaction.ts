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

/** Replaces every known secret (and its URL-encoded and base64 forms) inside `text`. */
export function scrubText(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < minimumSecretLength) continue;
    for (const form of secretForms(secret)) {
      if (result.includes(form)) result = result.split(form).join(redacted);
    }
  }
  return result;
}

function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  return [...forms].sort((left, right) => right.length - left.length);
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

/** Deep-copies a parsed body with credential-named keys masked and known secrets scrubbed from strings. */
export function redactValue(value: unknown, secrets: Iterable<string> = [], depth = 0): unknown {
  const secretList = [...secrets];
  if (typeof value === 'string') return scrubText(value, secretList);
  if (typeof value !== 'object' || value === null || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secretList, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] =
      sensitiveBodyKeys.has(normalizeName(key)) && item !== null && item !== undefined && item !== ''
        ? redacted
        : redactValue(item, secretList, depth + 1);
  }
  return result;
}

/** Shortens text to `limit` characters, saying how much was cut. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/** Redacts a raw body text: JSON is parsed and masked key by key, anything else is scrubbed; then truncated. */
export function redactBodyText(text: string, secrets: Iterable<string>, limit: number): string {
  const secretList = [...secrets];
  let masked: string;
  try {
    masked = JSON.stringify(redactValue(JSON.parse(text), secretList));
  } catch {
    masked = scrubText(text, secretList);
  }
  return truncate(masked, limit);
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
