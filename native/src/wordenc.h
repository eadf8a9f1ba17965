// The hybrid tokenizer's word encoder (HybridTokenizer.buildWord in main/core/hybrid/codec.ts) in C++: a folded
// word's best analysis (from the native analyzer), its ids per morph, the verification decode of those ids
// (the subset of main/core/hybrid/decoder.ts such id lists reach: roots, root alternants, allomorph groups and
// variants, <nosp>, residue BPE bytes), the step-down of morphs shared -> explicit -> residue until the
// decoding is exact, and the safety net (the whole word as residue bytes).
//
// Strings are UTF-16 as in JavaScript. Everything that is a string in the reference (surfaces, rule variants,
// table answers) arrives interned: equal strings have equal indexes, so the reference's string comparisons
// are index comparisons, and its contexts (last vowel and last code point of the left part, first code point
// of the next) are read from per-string summaries. main/core/native/wordEncoder.ts builds the spec and gives
// up (the TypeScript path stays in use) for whatever this cannot say exactly; a word this does not reproduce
// exactly comes back "not handled".
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze.h"
#include "encode.h"

namespace tokstudio {

/** A vocabulary entry's kind, as far as the encoder's id lists can hold it. */
enum WordEntryKind : uint8_t { kEntryOther = 0, kEntryNosp = 1, kEntryRoot = 2, kEntryRootAlt = 3, kEntryGroup = 4, kEntryVariant = 5, kEntryBpe = 6 };

/** context.ts Condition: each part present or not; nextIsEnd -1 when absent. */
struct WordCondition {
  ClassRefMask lastVowel, lastChar, next;
  int8_t nextIsEnd = -1;
};

struct WordEncoderSpec {
  std::vector<std::u16string> strings;  // interned, all distinct
  // Per vocabulary id: kind; ref = root index (root), string (rootAlt, variant), group index (group), BPE id
  // (bpe); prefix = an affix of a prefix group.
  std::vector<uint8_t> kind;
  std::vector<int32_t> ref;
  std::vector<uint8_t> prefix;
  int32_t nospId = 0;
  int32_t bpeBase = 0;
  // Roots (merged by citation): the decoder's candidates, citation first then the alternants in layout order;
  // alternant a of root r is candidate rootCandStart[r] + 1 + a and has conditions altCond[altCondStart[..]].
  std::vector<uint32_t> rootCandStart;  // roots + 1
  std::vector<int32_t> rootCands;
  std::vector<uint32_t> altCondStart;  // one per candidate + 1 (a citation candidate has none)
  std::vector<int32_t> altCond;
  // Groups with two or more distinct variants (the 'group' entries).
  std::vector<uint8_t> groupUsesNext;
  std::vector<int32_t> groupFallback;  // the variant first in code-unit order
  std::vector<uint32_t> groupVarStart;  // groups + 1: the raw variant list (duplicates kept)
  std::vector<int32_t> groupVariants;
  std::vector<uint32_t> groupRuleStart;  // groups + 1
  std::vector<int32_t> ruleVariant, ruleCond;
  std::vector<uint8_t> groupHasTable;
  std::vector<int32_t> groupMajority;  // -1: none
  // The learned tables: key (group, level 0 full / 1 vowel / 2 char, vowel unit or -1, code point or -1).
  std::unordered_map<uint64_t, int32_t> table;
  std::vector<WordCondition> conds;
  // Character classes (code point -> mask of its classes) and the context vowels (one-unit 'vowel' members).
  std::unordered_map<int32_t, uint64_t> classMask;
  std::vector<uint16_t> contextVowels;
  // Per analyzer root entry / affix entry: the shared id and the explicit id (-1 where the layout has none).
  std::vector<int32_t> rootShared, rootExplicit, affixShared, affixExplicit;
  // The residue BPE (ids in its own numbering; vocabulary id = bpeBase + id) and each BPE token's bytes.
  EncoderModel bpe;
  std::vector<std::string> bpeBytes;

  static uint64_t tableKey(int32_t group, int32_t level, int32_t vowel, int32_t cp) {
    return (static_cast<uint64_t>(group) * 3 + static_cast<uint64_t>(level)) << 38 | static_cast<uint64_t>(vowel + 1) << 21 |
           static_cast<uint64_t>(cp + 1);
  }
};

class WordEncoder {
 public:
  /** `analyzer` must outlive this (the addon keeps its JavaScript object alive). */
  WordEncoder(const Analyzer& analyzer, WordEncoderSpec spec);
  ~WordEncoder();
  WordEncoder(const WordEncoder&) = delete;
  WordEncoder& operator=(const WordEncoder&) = delete;

  /**
   * Encodes words (text holds them back to back, lens their UTF-16 lengths; carry[i] = a single space comes
   * right before word i) on up to `threads` threads. Appends per word, in order: flags (0 not handled, 1 handled,
   * 3 handled and starting with a morph), the piece count, then per piece id, start, end, shared (offsets
   * relative to the word, -1 = the carried space).
   *
   * `given` (may be null): analyses made elsewhere, in the analyzer's packed form (Analyzer::analyzeMany with
   * k = 1), word i's at given + givenAt[i]; a count of 0 there means "analyse it here". Their morph spans must
   * lie inside their words (the addon checks).
   */
  void encodeMany(const char16_t* text, const uint32_t* lens, const uint8_t* carry, const int32_t* given, const size_t* givenAt, size_t words,
                  unsigned threads, std::vector<int32_t>& out);

  const WordEncoderSpec& spec() const { return spec_; }

 private:
  class Worker;
  const Analyzer& analyzer_;
  WordEncoderSpec spec_;
  // Per-string summaries: length, first and last code point (-1 when empty), last context vowel unit (-1).
  std::vector<int32_t> firstCp_, lastCp_, lastVowel_;
  std::vector<uint8_t> isVowelUnit_;  // 64K table
  std::vector<uint64_t> bmpMask_;     // 64K table; astral code points in spec_.classMask
  // One worker per thread slot, kept between calls (their BPE caches stay warm).
  std::vector<std::unique_ptr<Worker>> workers_;

  uint64_t maskOf(int32_t cp) const;
};

}  // namespace tokstudio
