import { ConfigurationError } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { filter } from './filter.js';
import { anaplanFilterViolations } from './internal/anaplan-limits.js';
import { parseFilter } from './internal/filter-parser.js';

describe('filter', () => {
  it('renders every attribute operator with JSON literals', () => {
    expect(String(filter.eq('userName', 'ada@example.com'))).toBe('userName eq "ada@example.com"');
    expect(String(filter.ne('active', false))).toBe('active ne false');
    expect(String(filter.co('displayName', 'Ada'))).toBe('displayName co "Ada"');
    expect(String(filter.sw('userName', 'a'))).toBe('userName sw "a"');
    expect(String(filter.ew('userName', '.com'))).toBe('userName ew ".com"');
    expect(String(filter.gt('meta.lastModified', new Date('2024-01-02T03:04:05Z')))).toBe(
      'meta.lastModified gt "2024-01-02T03:04:05.000Z"',
    );
    expect(String(filter.ge('x', 1.5))).toBe('x ge 1.5');
    expect(String(filter.lt('x', -2))).toBe('x lt -2');
    expect(String(filter.le('x', 0))).toBe('x le 0');
    expect(String(filter.eq('externalId', null))).toBe('externalId eq null');
    expect(String(filter.pr('externalId'))).toBe('externalId pr');
  });

  it('escapes quotes and backslashes and keeps unicode', () => {
    const rendered = String(filter.eq('name.familyName', 'O"Brien \\ Zoë 山田'));
    expect(rendered).toBe('name.familyName eq "O\\"Brien \\\\ Zoë 山田"');
    expect(parseFilter(rendered)).toMatchObject({ value: 'O"Brien \\ Zoë 山田' });
  });

  it('parenthesises nested groups and renders not', () => {
    const built = filter.and(
      filter.eq('active', true),
      filter.or(filter.eq('name.givenName', 'Ada'), filter.eq('name.givenName', 'Grace')),
    );
    expect(String(built)).toBe('active eq true and (name.givenName eq "Ada" or name.givenName eq "Grace")');
    expect(String(filter.not(filter.pr('title')))).toBe('not (title pr)');
    expect(filter.and(filter.pr('id'))).toMatchObject({ kind: 'present' });
  });

  it('refuses malformed attributes and values', () => {
    expect(() => filter.eq('userName eq "x" or id', 'y')).toThrow(ConfigurationError);
    expect(() => filter.eq('', 'y')).toThrow(ConfigurationError);
    expect(() => filter.gt('x', Number.NaN)).toThrow(ConfigurationError);
    expect(() => filter.and()).toThrow(ConfigurationError);
    expect(() => filter.gt('x', Number.NaN)).toThrow(expect.objectContaining({ key: 'value' }));
    expect(() => filter.eq('', 'y')).toThrow(expect.objectContaining({ key: 'attribute' }));
    expect(() => filter.or()).toThrow(expect.objectContaining({ key: 'filters' }));
    expect(
      String(filter.eq('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'R&D')),
    ).toBe('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"');
  });

  it('names what Anaplan cannot filter on', () => {
    expect(
      anaplanFilterViolations(filter.and(filter.eq('userName', 'a'), filter.eq('Name.FamilyName', 'b'))),
    ).toEqual([]);
    expect(
      anaplanFilterViolations(
        filter.or(filter.co('displayName', 'x'), filter.not(filter.eq('emails.value', 'y'))),
      ),
    ).toEqual([
      { operator: 'co' },
      { attribute: 'displayName' },
      { operator: 'not' },
      { attribute: 'emails.value' },
    ]);
  });
});
