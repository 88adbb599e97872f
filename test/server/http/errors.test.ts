import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, NoSolutionError, notFound, ruleViolation } from '../../../server/core/errors.ts';
import { toProblem } from '../../../server/http/errors.ts';

/** Throws `err` from a route and returns the problem+json answer. */
async function answerTo(err: unknown) {
  const app = new Hono();
  app.get('/x', () => {
    throw err;
  });
  app.onError((e, c) => toProblem(e, c));
  const res = await app.request('/x');
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('domain errors as problem+json', () => {
  it('maps each kind to its status and problem type, keeping fields and details', async () => {
    const missing = await answerTo(notFound('line', 'abc', 'body.lineId'));
    expect(missing).toMatchObject({ status: 404, type: 'application/problem+json' });
    expect(missing.body).toMatchObject({
      type: 'https://twinward.dev/problems/not-found',
      detail: "no line with id 'abc'",
      errors: [{ path: 'body.lineId', message: 'unknown line' }],
    });

    const refused = await answerTo(ruleViolation('no owner', { missing: ['owner'] }));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'https://twinward.dev/problems/rule-violation', missing: ['owner'], instance: '/x' });

    const invalid = await answerTo(new InvalidInputError('bad', [{ path: 'body.a', message: 'why' }]));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ type: 'https://twinward.dev/problems/validation', errors: [{ path: 'body.a', message: 'why' }] });

    const none = await answerTo(new NoSolutionError('no balance', undefined, { reason: 'infeasible' }));
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ type: 'https://twinward.dev/problems/no-balance', reason: 'infeasible' });
  });

  it('never lets an extension member shadow a standard member', async () => {
    const clash = await answerTo(
      ruleViolation('clash', { status: 'acknowledged', type: 'x', title: 'y', detail: 'z', instance: 'w', other: 1 }),
    );
    expect(clash.body).toMatchObject({
      type: 'https://twinward.dev/problems/rule-violation',
      title: 'Conflict',
      status: 409,
      detail: 'clash',
      instance: '/x',
      other: 1,
    });
  });

  it('answers an unexpected error with a 500 that leaks nothing', async () => {
    const crash = await answerTo(new Error('secret detail'));
    expect(crash.status).toBe(500);
    expect(JSON.stringify(crash.body)).not.toContain('secret');
  });
});
