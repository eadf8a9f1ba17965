// Test helpers: temporary folders and a generated corpus large enough to keep a training job busy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'tokstudio-'): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic pseudo-Turkish text: many distinct words so BPE has tens of thousands of merges to make. */
export function writeSyntheticCorpus(file: string, lines: number, seed = 1): void {
  const syllables = ['ka', 'le', 'mi', 'ro', 'tu', 'şe', 'ğa', 'yı', 'öz', 'çi', 'bü', 'de', 'ne', 'lar', 'ler', 'dan', 'den', 'ın', 'in', 'ış', 'sız', 'lık', 'ci', 'ya', 'ma'];
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const words: string[] = [];
    const n = 5 + Math.floor(rnd() * 10);
    for (let w = 0; w < n; w++) {
      let word = '';
      const k = 1 + Math.floor(rnd() * 5);
      for (let j = 0; j < k; j++) word += syllables[Math.floor(rnd() * syllables.length)];
      words.push(rnd() < 0.1 ? word[0]!.toUpperCase() + word.slice(1) : word);
    }
    out.push(words.join(' ') + (rnd() < 0.5 ? '.' : ','));
  }
  writeFileSync(file, out.join('\n') + '\n');
}
