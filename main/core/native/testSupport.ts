// Native tests run whenever the addon is built, and in CI always (where a missing addon must fail them).
import { describe } from 'vitest';
import fc from 'fast-check';
import { nativeAvailable } from './load';

export const describeNative = describe.skipIf(!nativeAvailable() && !process.env.CI);

/** A random line (no '\n'): words, contractions, whitespace runs, '\r', BOMs, marks and code points of every plane. */
export const randomLine = fc
  .array(
    fc.oneof(
      fc.constantFrom('kitap', 'Ev', 'İSTANBUL', "'s", "'LL", ' ', '  ', '\t', '\r', '\u00a0', '\u0085', '\ufeff', '\u3000', '.', '...', '/', '123', '4567', '😀', '\u0301', 'ʰ', 'ǅ', '-', '!'),
      fc.integer({ min: 1, max: 0x10ffff }).filter((c) => (c < 0xd800 || c > 0xdfff) && c !== 10).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 25 },
  )
  .map((a) => a.join(''));

/** A random text corpus of up to 40 such lines, with or without a final newline. */
export const randomCorpus = fc
  .tuple(fc.array(randomLine, { minLength: 1, maxLength: 40 }), fc.boolean())
  .map(([lines, finalNewline]) => 'x ' + lines.join('\n') + (finalNewline ? '\n' : ''));

/**
 * How much memory 30 more rounds of `cycle` leave behind: the growth of arrayBuffers (where the addon's results
 * live) and of RSS. When the runtime exposes gc (vitest.config.ts passes --expose-gc) every round ends with a
 * collection and a turn of the event loop, where Node runs the finalizers of the addon objects found dead: what
 * grows then is what a round keeps, not garbage waiting for a collection (dead encoders hold their caches until
 * collected: about 5 MB each on the sample text).
 */
export async function memoryGrowth(cycle: () => unknown, rounds = 30, warmUp = 3): Promise<{ arrayBuffers: number; rss: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const settle = async () => {
    if (!gc) return;
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  };
  // Warm-up rounds first: the allocator's arenas and the engine's heap settle.
  for (let i = 0; i < warmUp; i++) {
    await cycle();
    await settle();
  }
  const before = process.memoryUsage();
  for (let i = 0; i < rounds; i++) {
    await cycle();
    await settle();
  }
  const after = process.memoryUsage();
  return { arrayBuffers: after.arrayBuffers - before.arrayBuffers, rss: after.rss - before.rss };
}
