// Hand-written matchers for the gpt2 and gpt4o pre-tokenizer presets (main/core/bpe/pretokenize.ts), giving
// the same pieces as the JavaScript regexes with their backtracking (leftmost alternative first, greedy
// quantifiers giving back one code point at a time).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tokstudio {

enum class Preset { Gpt2, Gpt4o };

/** Reusable buffers, so a hot loop over many short units does not allocate. */
struct PretokScratch {
  std::vector<uint32_t> cp;
  std::vector<uint8_t> cls;
  std::vector<uint32_t> off;  // byte offset of each code point, plus one past the end
};

/**
 * Splits well-formed UTF-8 s[0, n) into consecutive pieces covering every byte; appends each piece's end
 * offset (in bytes) to `ends` (which is not cleared).
 */
void pretokenize(const uint8_t* s, size_t n, Preset preset, PretokScratch& scratch, std::vector<uint32_t>& ends);

/** Length in UTF-16 code units of well-formed UTF-8 s[0, n). */
size_t utf16Length(const uint8_t* s, size_t n);

}  // namespace tokstudio
