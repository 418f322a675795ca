// Tests: ./redaction.test.ts

/**
 * Finding secrets in the forms a server or a log line may have escaped them into: HTML character references
 * (`&amp;`, `&#x2F;`, `&#47;`), JSON string escapes (`\u002f`, `\"`, `\n`) and percent-encoding (`%2F`, UTF-8
 * sequences, `+` for a space in form bodies), each character escaped or not, and doubly encoded text (`%252F`,
 * `&amp;#47;`). The text is decoded a few times over; every decoded character remembers the span of the original text
 * it came from, so a secret found in a decoded form is cut out of the original text.
 */

/** How many times text is decoded on top of the raw search (so `%25252F` is still found). */
const decodingPasses = 3;

/** Texts longer than this many characters are searched in overlapping windows, to bound the memory used. */
const windowLength = 1 << 20;

/** Upper bound of how many characters of text one character of a secret can take once escaped, per pass. */
const longestEscape = 14;

/** HTML named character references that stand for characters a secret may contain. */
const namedReferences: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  sol: '/',
  bsol: '\\',
  equals: '=',
  plus: '+',
  num: '#',
  percnt: '%',
  colon: ':',
  semi: ';',
  comma: ',',
  period: '.',
  excl: '!',
  quest: '?',
  lpar: '(',
  rpar: ')',
  lowbar: '_',
  dollar: '$',
  commat: '@',
  ast: '*',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  verbar: '|',
  grave: '`',
  Hat: '^',
  Tab: '\t',
  NewLine: '\n',
};

const jsonEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const htmlReference = /&(?:#(\d{1,10})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{1,31}));?/y;
const hexPair = /%([0-9a-fA-F]{2})/y;
const escapeStart = /[&\\%]/g;

/** One escape sequence found in the text: what it stands for, and where it ends. */
interface Escape {
  value: string;
  end: number;
}

function readHtmlReference(text: string, at: number): Escape | undefined {
  htmlReference.lastIndex = at;
  const match = htmlReference.exec(text);
  if (!match) return undefined;
  const [whole, decimal, hex, name] = match;
  if (name !== undefined) {
    // A named reference needs its `;` (`&amp` alone is just text), except for the legacy upper-case forms.
    const value = namedReferences[name] ?? namedReferences[name.toLowerCase()];
    return value !== undefined && whole.endsWith(';') ? { value, end: at + whole.length } : undefined;
  }
  const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  if (!(codePoint > 0 && codePoint <= 0x10ffff)) return undefined;
  return { value: String.fromCodePoint(codePoint), end: at + whole.length };
}

function readJsonEscape(text: string, at: number): Escape | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  const simple = jsonEscapes[next];
  if (simple !== undefined) return { value: simple, end: at + 2 };
  if (next !== 'u' && next !== 'U') return undefined;
  const hex = text.slice(at + 2, at + 6);
  if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
  return { value: String.fromCharCode(Number.parseInt(hex, 16)), end: at + 6 };
}

function readByte(text: string, at: number): number | undefined {
  hexPair.lastIndex = at;
  const match = hexPair.exec(text);
  return match ? Number.parseInt(match[1] ?? '', 16) : undefined;
}

/** A percent-encoded character: one byte below 0x80, or a whole well-formed UTF-8 sequence of encoded bytes. */
function readPercentEscape(text: string, at: number): Escape | undefined {
  const lead = readByte(text, at);
  if (lead === undefined) return undefined;
  if (lead < 0x80) return { value: String.fromCharCode(lead), end: at + 3 };
  const continuations = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : 3;
  if (lead < 0xc2 || lead > 0xf4) return undefined;
  const bytes = [lead];
  for (let index = 1; index <= continuations; index += 1) {
    const byte = readByte(text, at + 3 * index);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    bytes.push(byte);
  }
  const value = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
  return value.includes('\ufffd') ? undefined : { value, end: at + 3 * bytes.length };
}

function readEscape(text: string, at: number): Escape | undefined {
  const character = text[at];
  if (character === '&') return readHtmlReference(text, at);
  if (character === '\\') return readJsonEscape(text, at);
  return readPercentEscape(text, at);
}

/** Decoded text; `from[i]`/`to[i]` is the span of the original text its i-th UTF-16 unit came from. */
interface Level {
  text: string;
  from: Int32Array;
  to: Int32Array;
}

/** Decodes every escape of `text` once; `undefined` when there is none. */
function decodeOnce(text: string): Level | undefined {
  if (!/[&\\%]/.test(text)) return undefined;
  // One unit of decoded text always comes from at least one unit of the original, so the text cannot grow.
  const from = new Int32Array(text.length);
  const to = new Int32Array(text.length);
  const parts: string[] = [];
  let length = 0;
  let literalStart = 0;
  const keepLiteral = (end: number) => {
    if (end <= literalStart) return;
    parts.push(text.slice(literalStart, end));
    for (let index = literalStart; index < end; index += 1) {
      from[length] = index;
      to[length] = index + 1;
      length += 1;
    }
  };
  escapeStart.lastIndex = 0;
  for (let match = escapeStart.exec(text); match; match = escapeStart.exec(text)) {
    const found = readEscape(text, match.index);
    if (!found) continue;
    keepLiteral(match.index);
    parts.push(found.value);
    for (let index = 0; index < found.value.length; index += 1) {
      from[length] = match.index;
      to[length] = found.end;
      length += 1;
    }
    literalStart = found.end;
    escapeStart.lastIndex = found.end;
  }
  if (parts.length === 0) return undefined;
  keepLiteral(text.length);
  return { text: parts.join(''), from: from.subarray(0, length), to: to.subarray(0, length) };
}

/** `next` decoded from `previous`, traced back to the original text. */
function traceBack(previous: Level | undefined, next: Level): Level {
  if (!previous) return next;
  const from = new Int32Array(next.text.length);
  const to = new Int32Array(next.text.length);
  for (let index = 0; index < next.text.length; index += 1) {
    from[index] = previous.from[next.from[index] ?? 0] ?? 0;
    to[index] = previous.to[(next.to[index] ?? 1) - 1] ?? 0;
  }
  return { text: next.text, from, to };
}

/** A `+` in a form body is a space: both compare as `+`. */
function canonical(text: string): string {
  return text.includes(' ') ? text.replaceAll(' ', '+') : text;
}

/** Secret forms prepared for {@link secretSpans}: compared as `canonical` text, longest first. */
export interface SearchForms {
  needles: readonly string[];
  longest: number;
}

/**
 * Prepares forms of secrets for {@link secretSpans}, once for many texts.
 *
 * @example
 * ```ts
 * const search = searchForms(['s3cr/t']);
 * ```
 */
export function searchForms(forms: Iterable<string>): SearchForms {
  const needles = [...new Set([...forms].map(canonical))].sort((left, right) => right.length - left.length);
  return { needles, longest: needles[0]?.length ?? 0 };
}

function spansInWindow(text: string, search: SearchForms, spans: [number, number][], offset: number): void {
  let level: Level | undefined;
  let haystack = canonical(text);
  for (let pass = 0; ; pass += 1) {
    for (const needle of search.needles) {
      for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
        const last = at + needle.length - 1;
        spans.push(
          level
            ? [offset + (level.from[at] ?? 0), offset + (level.to[last] ?? 0)]
            : [offset + at, offset + last + 1],
        );
      }
    }
    if (pass === decodingPasses) return;
    const next = decodeOnce(level ? level.text : text);
    if (!next) return;
    level = traceBack(level, next);
    haystack = canonical(level.text);
  }
}

/**
 * The spans of `text` that hold one of the forms, raw or escaped in any of the ways above, sorted and merged.
 *
 * @example
 * ```ts
 * secretSpans('password=s3cr%2Ft', searchForms(['s3cr/t'])); // [[9, 17]]
 * ```
 */
export function secretSpans(text: string, search: SearchForms): [number, number][] {
  const spans: [number, number][] = [];
  if (search.needles.length === 0) return spans;
  const margin = search.longest * longestEscape * decodingPasses + 64;
  if (text.length <= windowLength + margin) spansInWindow(text, search, spans, 0);
  else {
    // A secret starting inside one window ends inside it or its margin, so each occurrence is seen whole.
    for (let start = 0; start < text.length; start += windowLength) {
      spansInWindow(text.slice(start, start + windowLength + margin), search, spans, start);
    }
  }
  spans.sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** `text` with every span replaced by `replacement`. */
export function replaceSpans(text: string, spans: readonly [number, number][], replacement: string): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let position = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(position, start), replacement);
    position = end;
  }
  parts.push(text.slice(position));
  return parts.join('');
}
