// A seeded uniform sample of lines: reservoir sampling (Algorithm R) driven by mulberry32, so the same seed
// over the same lines picks the same lines on every run and machine. Lines come back in their original order.

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Reservoir<T> {
  private readonly picked: { index: number; item: T }[] = [];
  private seen = 0;
  private readonly random: () => number;

  constructor(private readonly size: number, seed: number) {
    this.random = mulberry32(seed);
  }

  offer(item: T): void {
    const index = this.seen++;
    if (this.picked.length < this.size) this.picked.push({ index, item });
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < this.size) this.picked[j] = { index, item };
    }
  }

  /** How many items were offered. */
  get offered(): number {
    return this.seen;
  }

  items(): T[] {
    return [...this.picked].sort((a, b) => a.index - b.index).map((p) => p.item);
  }
}
