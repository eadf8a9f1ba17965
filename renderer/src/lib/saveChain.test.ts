import { describe, it, expect } from 'vitest';
import { SaveChain } from './saveChain';
import type { SaveState } from './saveChain';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('SaveChain', () => {
  it('runs saves one at a time in order and reports saving, then saved', async () => {
    const states: SaveState[] = [];
    const chain = new SaveChain((s) => states.push(s));
    const order: string[] = [];
    const first = deferred<string>();
    const a = chain.run(async () => {
      order.push('a start');
      const v = await first.promise;
      order.push('a end');
      return v;
    });
    const b = chain.run(async () => {
      order.push('b');
      return 'b';
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    expect(chain.busy).toBe(true);
    first.resolve('a');
    expect(await a).toBe('a');
    expect(await b).toBe('b');
    await chain.idle();
    expect(order).toEqual(['a start', 'a end', 'b']);
    expect(states.at(-1)).toBe('saved');
    expect(chain.busy).toBe(false);
  });
  it('reports a failure with its message and goes on with the next save', async () => {
    const log: [SaveState, string | null][] = [];
    const chain = new SaveChain((s, e) => log.push([s, e]));
    await expect(chain.run(() => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await chain.idle();
    expect(log.at(-1)).toEqual(['error', 'disk full']);
    expect(await chain.run(async () => 1)).toBe(1);
    await chain.idle();
    expect(log.at(-1)).toEqual(['saved', null]);
  });
});
