import { describe, it, expect } from 'vitest';
import { doctorReport, formatDoctor } from './doctor';
import { nativeStatus } from '../core/native/index';

describe('tokstudio doctor', () => {
  it('names the engine, the addon and, when native, a passing self-test', async () => {
    const r = await doctorReport();
    expect(r.engine).toBe(nativeStatus().engine);
    if (r.engine === 'native') {
      expect(r.selfTest).toEqual({ ok: true, detail: expect.stringMatching(/identical to the reference/) });
      expect(r.reason).toBeNull();
    } else {
      expect(r.selfTest).toBeNull();
      expect(r.reason).toBeTruthy();
    }
    const text = formatDoctor(r);
    expect(text).toMatch(new RegExp(`^engine +${r.engine}`));
    expect(text).toContain(process.version);
  });
});
