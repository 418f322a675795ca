// Tests: ./list-users.test.ts

/**
 * A parser for the SCIM filter grammar of RFC 7644 §3.4.2.2, restricted to a dialect: the attributes it may name,
 * their types, and the operators it accepts. Anaplan supports `eq ne gt ge lt le pr`, `and`, `or` and grouping with
 * parentheses; `co`, `sw`, `ew`, `not` and value filters (`emails[type eq "work"]`) are refused (SETI live probe #223).
 */

/** Attribute comparison operators of RFC 7644 §3.4.2.2 (`pr` is handled as its own node). */
export type ComparisonOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal on the right of a comparison. */
export type FilterValue = string | boolean | number | null;

/** A parsed filter. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'present'; attribute: string }
  | { kind: 'compare'; attribute: string; operator: ComparisonOperator; value: FilterValue };

/** What a filter may say. */
export interface FilterDialect {
  /** Canonical attribute name → type. Names are matched case-insensitively (RFC 7643 §2.1). */
  attributes: Record<string, 'string' | 'boolean'>;
  /** Accepted comparison operators (lower case). */
  operators: ReadonlySet<ComparisonOperator>;
  /** Whether `pr` is accepted. */
  present: boolean;
  /** A schema URN that may prefix attribute names (`urn:…:User:userName`). */
  urnPrefix?: string;
}

/** A filter the dialect refuses, or that does not parse. `message` says why (for tests and debugging). */
export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'open' | 'close' | 'openBracket' | 'closeBracket'; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'word'; value: string; at: number };

const allOperators = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const orderingOperators = new Set(['gt', 'ge', 'lt', 'le']);
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const attributePath = /^[A-Za-z][\w$-]*(?:\.[A-Za-z][\w$-]*)?$/;
const simpleEscapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Reads a JSON string literal starting at `start` (the opening quote). Returns the value and the next index. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"') return { value, end: index + 1 };
    if (character !== '\\') {
      value += character;
      index += 1;
      continue;
    }
    const escaped = text[index + 1];
    if (escaped === undefined) break;
    if (escaped === 'u') {
      const hex = text.slice(index + 2, index + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new FilterSyntaxError(`Bad \\u escape at ${index}`);
      value += String.fromCharCode(Number.parseInt(hex, 16));
      index += 6;
      continue;
    }
    const replacement = simpleEscapes[escaped];
    if (replacement === undefined) throw new FilterSyntaxError(`Bad escape \\${escaped} at ${index}`);
    value += replacement;
    index += 2;
  }
  throw new FilterSyntaxError(`Unterminated string starting at ${start}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === '(' || character === ')' || character === '[' || character === ']') {
      const type = { '(': 'open', ')': 'close', '[': 'openBracket', ']': 'closeBracket' } as const;
      tokens.push({ type: type[character], at: index });
      index += 1;
    } else if (character === '"') {
      const { value, end } = readString(text, index);
      tokens.push({ type: 'string', value, at: index });
      index = end;
    } else {
      const start = index;
      while (index < text.length && !/[\s()[\]"]/.test(text[index] as string)) index += 1;
      tokens.push({ type: 'word', value: text.slice(start, index), at: start });
    }
  }
  return tokens;
}

class Parser {
  readonly #tokens: Token[];
  readonly #dialect: FilterDialect;
  #position = 0;

  constructor(tokens: Token[], dialect: FilterDialect) {
    this.#tokens = tokens;
    this.#dialect = dialect;
  }

  parse(): FilterNode {
    if (this.#tokens.length === 0) throw new FilterSyntaxError('Empty filter');
    const node = this.#parseOr();
    const rest = this.#tokens[this.#position];
    if (rest) throw new FilterSyntaxError(`Unexpected token at ${rest.at}`);
    return node;
  }

  #peekKeyword(keyword: string): boolean {
    const token = this.#tokens[this.#position];
    return token?.type === 'word' && token.value.toLowerCase() === keyword;
  }

  #parseOr(): FilterNode {
    let left = this.#parseAnd();
    while (this.#peekKeyword('or')) {
      this.#position += 1;
      left = { kind: 'or', left, right: this.#parseAnd() };
    }
    return left;
  }

  #parseAnd(): FilterNode {
    let left = this.#parseUnary();
    while (this.#peekKeyword('and')) {
      this.#position += 1;
      left = { kind: 'and', left, right: this.#parseUnary() };
    }
    return left;
  }

  #parseUnary(): FilterNode {
    const token = this.#tokens[this.#position];
    if (token === undefined) throw new FilterSyntaxError('Filter ends too early');
    if (this.#peekKeyword('not')) throw new FilterSyntaxError('The not operator is not supported');
    if (token.type === 'open') {
      this.#position += 1;
      const inner = this.#parseOr();
      if (this.#tokens[this.#position]?.type !== 'close') throw new FilterSyntaxError('Missing )');
      this.#position += 1;
      return inner;
    }
    return this.#parseComparison();
  }

  #parseComparison(): FilterNode {
    const attributeToken = this.#tokens[this.#position];
    if (attributeToken?.type !== 'word') throw new FilterSyntaxError('Expected an attribute name');
    this.#position += 1;
    if (this.#tokens[this.#position]?.type === 'openBracket')
      throw new FilterSyntaxError('Value filters (attribute[...]) are not supported');
    const attribute = this.#attribute(attributeToken.value);
    const operatorToken = this.#tokens[this.#position];
    if (operatorToken?.type !== 'word') throw new FilterSyntaxError('Expected an operator');
    this.#position += 1;
    const operator = operatorToken.value.toLowerCase();
    const type = this.#dialect.attributes[attribute];
    if (operator === 'pr') {
      if (!this.#dialect.present) throw new FilterSyntaxError('The pr operator is not supported');
      return { kind: 'present', attribute };
    }
    if (!allOperators.has(operator)) throw new FilterSyntaxError(`Unknown operator ${operatorToken.value}`);
    if (!this.#dialect.operators.has(operator as ComparisonOperator))
      throw new FilterSyntaxError(`The ${operator} operator is not supported`);
    const value = this.#parseValue();
    const ordering = orderingOperators.has(operator);
    if (type === 'boolean' && (ordering || (value !== null && typeof value !== 'boolean')))
      throw new FilterSyntaxError(`${attribute} ${operator} needs true or false`);
    if (
      type === 'string' &&
      (typeof value === 'boolean' || typeof value === 'number' || (ordering && value === null))
    )
      throw new FilterSyntaxError(`${attribute} ${operator} needs a quoted string`);
    return { kind: 'compare', attribute, operator: operator as ComparisonOperator, value };
  }

  #attribute(raw: string): string {
    let name = raw;
    const prefix = this.#dialect.urnPrefix;
    if (prefix && name.toLowerCase().startsWith(`${prefix.toLowerCase()}:`))
      name = name.slice(prefix.length + 1);
    if (!attributePath.test(name)) throw new FilterSyntaxError(`Bad attribute name ${raw}`);
    const canonical = Object.keys(this.#dialect.attributes).find(
      (candidate) => candidate.toLowerCase() === name.toLowerCase(),
    );
    if (canonical === undefined) throw new FilterSyntaxError(`Attribute ${raw} cannot be filtered on`);
    return canonical;
  }

  #parseValue(): FilterValue {
    const token = this.#tokens[this.#position];
    this.#position += 1;
    if (token?.type === 'string') return token.value;
    if (token?.type !== 'word') throw new FilterSyntaxError('Expected a value');
    const word = token.value;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (jsonNumber.test(word)) return Number(word);
    throw new FilterSyntaxError(`Bad value ${word} (strings must be in double quotes)`);
  }
}

/**
 * Parses a filter expression in the given dialect.
 *
 * @throws {FilterSyntaxError} when the text does not parse or uses what the dialect refuses.
 * @example
 * ```ts
 * parseFilter('userName eq "a@example.com" and active eq true', userFilterDialect);
 * ```
 */
export function parseFilter(text: string, dialect: FilterDialect): FilterNode {
  return new Parser(tokenize(text), dialect).parse();
}
