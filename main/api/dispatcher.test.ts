import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatcher';
import { methods } from './contract';
import { UserError } from '../core/errors';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const missing = () => {
    throw new Error('not in this test');
  };
  const all = Object.fromEntries(Object.keys(methods).map((m) => [m, missing])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('dispatcher', () => {
  it('validates arguments against the contract and applies defaults', async () => {
    let seen: unknown;
    const d = createDispatcher(handlersWith({ 'corpus.import': (a) => ((seen = a), { jobId: 1 }) }));
    expect(await d.dispatch('corpus.import', { path: 'x.txt' })).toEqual({ ok: true, result: { jobId: 1 } });
    expect(seen).toEqual({ path: 'x.txt', format: 'auto', language: 'und', textField: 'text' });
    const bad = await d.dispatch('corpus.import', { path: 42 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-args');
      expect(bad.error.message).toMatch(/corpus\.import/);
      expect(bad.error.message).toMatch(/path/);
    }
  });

  it('refuses unknown methods, including inherited property names', async () => {
    const d = createDispatcher(handlersWith({}));
    for (const m of ['nope', 'toString', '__proto__', 'constructor']) {
      const r = await d.dispatch(m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('turns thrown errors into readable codes', async () => {
    const d = createDispatcher(
      handlersWith({
        'corpus.list': () => {
          throw new UserError('corpus.txt: invalid UTF-8 at byte 12');
        },
        'tokenizer.list': () => {
          throw new TypeError('boom');
        },
      }),
    );
    expect(await d.dispatch('corpus.list', {})).toEqual({ ok: false, error: { code: 'bad-input', message: 'corpus.txt: invalid UTF-8 at byte 12' } });
    expect(await d.dispatch('tokenizer.list', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('catches results that drift from the contract when asked to', async () => {
    const d = createDispatcher(handlersWith({ 'job.cancel': () => ({ cancelled: 'yes' }) as never }), { checkResults: true });
    const r = await d.dispatch('job.cancel', { id: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
