import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, hashConfig } from './hash';

describe('hashConfig', () => {
  it('ignores key order at every depth but not array order', () => {
    const a = { vocabSize: 100, nested: { b: 1, a: [2, { y: 1, x: 2 }] } };
    const b = { nested: { a: [2, { x: 2, y: 1 }], b: 1 }, vocabSize: 100 };
    expect(canonicalJson(a)).toBe('{"nested":{"a":[2,{"x":2,"y":1}],"b":1},"vocabSize":100}');
    expect(hashConfig(a)).toBe(hashConfig(b));
    expect(hashConfig({ l: [1, 2] })).not.toBe(hashConfig({ l: [2, 1] }));
    expect(hashConfig({ v: 1 })).not.toBe(hashConfig({ v: 2 }));
  });

  it('is the SHA-256 of the canonical JSON, dropping undefined like JSON.stringify', () => {
    expect(hashConfig({ b: 1, a: undefined, c: 'ş' })).toBe(createHash('sha256').update('{"b":1,"c":"ş"}').digest('hex'));
  });
});
