import { userNameKey } from '@anaplan-access/core';
import { describe, expect, it } from 'vitest';
import { desiredState, desiredUser, observedState, observedUser } from '../../test-support/states.js';
import { planFrom } from '../plan.js';
import { lookalikeSkeleton } from './lookalikes.js';

const roomy = { deletionGuard: { maxCount: 100, maxPercent: 100 }, allowEmptySource: true };

const planOf = (desired: string[], existing: string[]) =>
  planFrom(
    desiredState(desired.map((userName) => desiredUser(userName))),
    observedState({
      users: existing.map((userName) => observedUser(userName, { id: `id-${userNameKey(userName)}` })),
    }),
    roomy,
  );
const operationsOf = (plan: ReturnType<typeof planOf>) =>
  plan.operations.map((operation) => `${operation.kind} ${operation.userName}`);

const cyrillicA = '\u0430';

describe('lookalikeSkeleton', () => {
  it('gives look-alikes from other scripts, compatibility forms, accents and ß the skeleton of the plain login', () => {
    const plain = lookalikeSkeleton('admin@example.com');
    for (const lookalike of [
      `${cyrillicA}dmin@example.com`,
      '\u03b1dmin@example.com', // Greek alpha
      '\uff41dmin@example.com', // full-width a
      '\ud835\udc1admin@example.com', // mathematical bold a
      '\u00e0dmin@example.com', // à
    ])
      expect(lookalikeSkeleton(userNameKey(lookalike)), lookalike).toBe(plain);
    expect(lookalikeSkeleton(userNameKey('stra\u00dfe@x.de'))).toBe('strasse@x.de');
    expect(lookalikeSkeleton(userNameKey('j\u0131ll@x.com'))).toBe('jill@x.com');
  });

  it('leaves ASCII logins as they are: they never look like one another', () => {
    expect(lookalikeSkeleton('j0hn@example.com')).toBe('j0hn@example.com');
    expect(lookalikeSkeleton('rn@example.com')).not.toBe(lookalikeSkeleton('m@example.com'));
  });
});

describe('look-alike logins in a plan', () => {
  it('neither creates a Cyrillic look-alike of an existing user nor deprovisions that user', () => {
    const plan = planOf([`${cyrillicA}dmin@example.com`], ['admin@example.com']);
    expect(operationsOf(plan)).toEqual([]);
    expect(plan.findings).toEqual([
      expect.objectContaining({
        kind: 'lookalike-user',
        severity: 'error',
        userName: `${cyrillicA}dmin@example.com`,
        field: 'email',
        refs: [{ source: 'test.csv', row: 2 }],
      }),
    ]);
    const message = plan.findings[0]?.message ?? '';
    expect(message).toContain('admin@example.com, who exists in Anaplan');
    expect(message).toContain(`U+0430 in ${cyrillicA}dmin@example.com`);
    expect(message).toContain('test.csv row 2');
  });

  it('keeps planning the real user when both are listed, and leaves out only the look-alike', () => {
    const plan = planOf(['admin@example.com', `${cyrillicA}dmin@example.com`], ['admin@example.com']);
    expect(operationsOf(plan)).toEqual([]);
    expect(plan.findings.map((finding) => `${finding.kind} ${finding.userName}`)).toEqual([
      `lookalike-user ${cyrillicA}dmin@example.com`,
    ]);
  });

  it('does not deprovision a look-alike account Anaplan already has for a new plain login', () => {
    const plan = planOf(['admin@example.com'], [`${cyrillicA}dmin@example.com`]);
    expect(operationsOf(plan)).toEqual([]);
    expect(plan.findings[0]).toMatchObject({ kind: 'lookalike-user', userName: 'admin@example.com' });
  });

  it('creates neither of two new logins that look alike', () => {
    const plan = planOf(['admin@example.com', `${cyrillicA}dmin@example.com`, 'other@example.com'], []);
    expect(operationsOf(plan)).toEqual(['user.create other@example.com']);
    expect(plan.findings.map((finding) => `${finding.kind} ${finding.severity} ${finding.userName}`)).toEqual(
      ['lookalike-user error admin@example.com', `lookalike-user error ${cyrillicA}dmin@example.com`],
    );
    expect(plan.findings[0]?.message).toContain(`${cyrillicA}dmin@example.com, also to be created`);
  });

  it('treats ß and ss as look-alikes, not as one login', () => {
    const plan = planOf(['stra\u00dfe@example.de'], ['strasse@example.de']);
    expect(operationsOf(plan)).toEqual([]);
    expect(plan.findings[0]).toMatchObject({ kind: 'lookalike-user', userName: 'stra\u00dfe@example.de' });
  });

  it('still creates a new user and deprovisions a leaver when nothing looks alike', () => {
    const plan = planOf(['new@example.com', 'j\u00f6rg@example.com'], ['leaver@example.com']);
    expect(operationsOf(plan)).toEqual([
      'user.create j\u00f6rg@example.com',
      'user.deactivate leaver@example.com',
      'workspace.revoke leaver@example.com',
      'user.create new@example.com',
    ]);
    expect(plan.findings).toEqual([]);
  });
});
