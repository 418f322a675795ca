// Tests: ../filter.test.ts, ../apply-patch.test.ts

import { type ComparisonOperator, type Filter, filter } from '../filter.js';

/**
 * A small parser for the value-selection filters found inside PATCH paths (`entitlements[value eq "x"]`), used only
 * by {@link applyPatch}. It reads attribute operators, `and`, `or`, `not ( … )` and parentheses (RFC 7644
 * §3.4.2.2); nested `[ ]` inside a value filter are not needed there and are refused.
 */
type Token =
  | { type: 'word'; text: string }
  | { type: 'string'; text: string }
  | { type: 'paren'; text: '(' | ')' };

const comparisonOperators = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const character = source[index]!;
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === '(' || character === ')') {
      tokens.push({ type: 'paren', text: character });
      index += 1;
    } else if (character === '"') {
      let end = index + 1;
      while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
      if (end >= source.length) throw new SyntaxError(`Unterminated string in filter: ${source}`);
      tokens.push({ type: 'string', text: JSON.parse(source.slice(index, end + 1)) as string });
      index = end + 1;
    } else {
      const match = /^[^\s()"]+/.exec(source.slice(index));
      if (!match)
        throw new SyntaxError(`Unexpected character ${JSON.stringify(character)} in filter: ${source}`);
      tokens.push({ type: 'word', text: match[0] });
      index += match[0].length;
    }
  }
  return tokens;
}

function literal(token: Token | undefined, source: string): string | number | boolean | null {
  if (token?.type === 'string') return token.text;
  if (token?.type === 'word') {
    const lower = token.text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token.text)) return Number(token.text);
  }
  throw new SyntaxError(`Expected a value in filter: ${source}`);
}

/** Parses a SCIM filter expression into the {@link Filter} objects the builder produces. */
export function parseFilter(source: string): Filter {
  const tokens = tokenize(source);
  let position = 0;
  const peekWord = (): string | undefined => {
    const token = tokens[position];
    return token?.type === 'word' ? token.text.toLowerCase() : undefined;
  };
  const expectParen = (text: '(' | ')'): void => {
    const token = tokens[position];
    if (token?.type !== 'paren' || token.text !== text)
      throw new SyntaxError(`Expected "${text}" in filter: ${source}`);
    position += 1;
  };

  const parseOr = (): Filter => {
    const operands = [parseAnd()];
    while (peekWord() === 'or') {
      position += 1;
      operands.push(parseAnd());
    }
    return filter.or(...operands);
  };
  const parseAnd = (): Filter => {
    const operands = [parseUnary()];
    while (peekWord() === 'and') {
      position += 1;
      operands.push(parseUnary());
    }
    return filter.and(...operands);
  };
  const parseUnary = (): Filter => {
    const token = tokens[position];
    if (token?.type === 'paren' && token.text === '(') {
      position += 1;
      const inner = parseOr();
      expectParen(')');
      return inner;
    }
    if (peekWord() === 'not') {
      position += 1;
      expectParen('(');
      const inner = parseOr();
      expectParen(')');
      return filter.not(inner);
    }
    if (token?.type !== 'word') throw new SyntaxError(`Expected an attribute in filter: ${source}`);
    position += 1;
    const operator = peekWord();
    position += 1;
    if (operator === 'pr') return filter.pr(token.text);
    if (operator === undefined || !comparisonOperators.has(operator)) {
      throw new SyntaxError(`Expected an operator after "${token.text}" in filter: ${source}`);
    }
    const value = literal(tokens[position], source);
    position += 1;
    return filter[operator as ComparisonOperator](token.text, value);
  };

  const result = parseOr();
  if (position !== tokens.length) throw new SyntaxError(`Unexpected text at the end of filter: ${source}`);
  return result;
}
