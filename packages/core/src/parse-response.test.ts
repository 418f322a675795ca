import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseResponse } from './client.js';
import { isResponseValidationError } from './index.js';

const schema = z.object({ id: z.string(), count: z.number() });

describe('parseResponse', () => {
  it('returns the parsed data when the body matches', async () => {
    const context = { method: 'GET', url: 'https://api.example.com/2/0/x', status: 200 };
    expect(await parseResponse(schema, { id: 'a', count: 1 }, context)).toEqual({ id: 'a', count: 1 });
  });

  it('throws a ResponseValidationError naming each issue, the request, and no secret of the body', async () => {
    const error = await parseResponse(
      schema,
      { id: 7, count: 'many', token: 'secret-value-123' },
      { method: 'post', url: 'https://api.example.com/2/0/x', status: 201, secrets: ['secret-value-123'] },
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isResponseValidationError(error))
      throw new Error(`expected a ResponseValidationError, got ${String(error)}`);
    expect(error.method).toBe('POST');
    expect(error.status).toBe(201);
    expect(error.issues.map((issue) => issue.path)).toEqual([['id'], ['count']]);
    expect(error.path).toBe('id');
    expect(JSON.stringify(error)).not.toContain('secret-value-123');
  });
});
