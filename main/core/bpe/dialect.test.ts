// Pure string checks; hf.test.ts runs the translated patterns through both engines.
import { describe, it, expect } from 'vitest';
import { jsToOnig, onigToJs } from './dialect';
import { PRETOKENIZER_PRESETS } from './pretokenize';

describe('jsToOnig', () => {
  it('leaves shared syntax alone', () => {
    expect(jsToOnig(PRETOKENIZER_PRESETS.gpt2)).toBe(PRETOKENIZER_PRESETS.gpt2);
    expect(jsToOnig(PRETOKENIZER_PRESETS.gpt4o)).toBe(PRETOKENIZER_PRESETS.gpt4o);
    expect(jsToOnig('(?<w>[a-z]+)\\k<w>|\\u00e7+')).toBe('(?<w>[a-z]+)\\k<w>|\\u00e7+');
  });
  it('spells out the JS meaning of \\d, \\w, \\s, ., ^, $ and script properties', () => {
    expect(jsToOnig('\\d+')).toBe('[0-9]+');
    expect(jsToOnig('[\\d_]')).toBe('[0-9_]');
    expect(jsToOnig('[^\\W]')).toBe('[^[^a-zA-Z0-9_]]');
    expect(jsToOnig('.')).toBe('[^\\n\\r\\u2028\\u2029]');
    expect(jsToOnig('^a$')).toBe('\\Aa\\z');
    expect(jsToOnig('\\p{Script=Latin}\\p{sc=Greek}\\p{gc=Lu}')).toBe('\\p{Latin}\\p{Greek}\\p{Lu}');
    expect(jsToOnig('\\u{1F642}\\u{e7}')).toBe('🙂\\u00e7');
    expect(jsToOnig('[.^$]')).toBe('[.^$]');
  });
  it('refuses what it cannot carry over', () => {
    expect(() => jsToOnig('\\p{Script_Extensions=Latin}')).toThrow(/cannot be translated faithfully/);
  });
});

describe('onigToJs', () => {
  it('spells out the Oniguruma meaning', () => {
    expect(onigToJs('\\d\\s\\S')).toBe('\\p{Nd}\\p{White_Space}\\P{White_Space}');
    expect(onigToJs('\\w+')).toBe('[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]+');
    expect(onigToJs('.')).toBe('[^\\n]');
    expect(onigToJs('^a$')).toBe('(?<![^\\n])a(?![^\\n])');
    expect(onigToJs('\\p{Latin}\\p{^L}\\x{e7}')).toBe('\\p{Script=Latin}\\P{L}\\u00e7');
    expect(onigToJs("(?i:'s|'ll)")).toBe("(?:'[sSſ]|'[lL][lL])");
    expect(onigToJs('[]a]')).toBe('[\\]a]');
  });
  it('refuses what it cannot carry over', () => {
    expect(() => onigToJs('(?i)abc')).toThrow(/inline option group/);
    expect(() => onigToJs('(?i:a.b)')).toThrow(/case-insensitive group/);
    expect(() => onigToJs('(?i:[a-z])')).toThrow(/inline option group/);
    expect(() => onigToJs('[a&&b]')).toThrow(/class intersection/);
    expect(() => onigToJs('\\p{NotAProperty}')).toThrow(/the property/);
  });
});
