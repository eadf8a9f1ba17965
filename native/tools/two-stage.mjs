// A per-code-point table as two stages, for the generators (gen-unicode.mjs, gen-case.mjs): blocks of 256 values
// are stored once each (stage 2) and every block of the code space points at its copy (stage 1).
export const BLOCK = 256;

/** Stage 1 (block index per 256 code points) and the distinct blocks, for valueOf(cp) over all of Unicode. */
export function twoStage(valueOf) {
  const blocks = new Map();
  const blockList = [];
  const stage1 = [];
  for (let base = 0; base < 0x110000; base += BLOCK) {
    const block = [];
    for (let cp = base; cp < base + BLOCK; cp++) block.push(valueOf(cp));
    const key = block.join(',');
    let idx = blocks.get(key);
    if (idx === undefined) {
      idx = blockList.length;
      blocks.set(key, idx);
      blockList.push(block);
    }
    stage1.push(idx);
  }
  return { stage1, blockList };
}

/** The C++ arrays `static const uint16_t <stage1Name>[]` and `static const uint8_t <stage2Name>[]`, as lines. */
export function twoStageLines({ stage1, blockList }, stage1Name, stage2Name) {
  const lines = [`static const uint16_t ${stage1Name}[${stage1.length}] = {`];
  for (let i = 0; i < stage1.length; i += 32) lines.push('  ' + stage1.slice(i, i + 32).join(',') + ',');
  lines.push('};', `static const uint8_t ${stage2Name}[${blockList.length * BLOCK}] = {`);
  for (const b of blockList) for (let i = 0; i < BLOCK; i += 64) lines.push('  ' + b.slice(i, i + 64).join(',') + ',');
  lines.push('};');
  return lines;
}
