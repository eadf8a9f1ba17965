import { describe, expect, it } from 'vitest';
import { projectSegments } from './align';

describe('projecting canonical segments onto the surface', () => {
  it('keeps surface segments that already spell the word', () => {
    expect(projectSegments('cats', ['cat', 's'])).toEqual(['cat', 's']);
  });

  it('drops deleted canonical characters: ablate+ion+s over "ablations"', () => {
    // canonical "ablateions" (10) vs "ablations" (9): one deletion, the "e" of ablate; boundaries 6 and 9
    // of the canonical string are consumed at surface 5 and 8 -> ablat | ion | s.
    expect(projectSegments('ablations', ['ablate', 'ion', 's'])).toEqual(['ablat', 'ion', 's']);
  });

  it('puts surface insertions at a junction into the left segment: stop+ed over "stopped"', () => {
    // "stoped" vs "stopped": one insertion (a second p) before canonical "e" -> stopp | ed.
    expect(projectSegments('stopped', ['stop', 'ed'])).toEqual(['stopp', 'ed']);
  });

  it('keeps substitutions in place and compares case-insensitively', () => {
    expect(projectSegments('happiness', ['happy', 'ness'])).toEqual(['happi', 'ness']);
    expect(projectSegments('Happiness', ['happy', 'ness'])).toEqual(['Happi', 'ness']);
  });

  it('collapses a canonical segment absent from the surface', () => {
    // "mice" = "mouse @@PL"-like: "mouses" vs "mice" projects the boundary at 6 to the end -> one segment.
    expect(projectSegments('mice', ['mouse', 's'])).toEqual(['mice']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(projectSegments('𝑥ler', ['𝑥', 'lar'])).toEqual(['𝑥', 'ler']);
  });
});
