// The hybrid tokenizer's text encoder (HybridTokenizer.encodeInto in main/core/hybrid/codec.ts) in C++: special
// tokens cut out leftmost-longest, units, case classes and folding, <capsrun> runs, implied and explicit spaces,
// <nosp>, case markers, digit groups, whitespace tokens and residue pieces, over word encodings from the word
// encoder (wordenc.h), kept in a cache as codec.ts keeps them. A word the word encoder leaves to the reference
// is reported back: JavaScript builds it (buildWord) and hands it in with put(), then encodes again.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "hashmap.h"
#include "residue.h"
#include "units.h"
#include "wordenc.h"

namespace tokstudio {

struct TextEncoderSpec {
  std::vector<std::u16string> specials;  // config order
  std::vector<int32_t> specialIds;
  int32_t cap = 0, caps = 0, capsrun = 0, nosp = 0;
  std::vector<int32_t> spaces;  // spaces[k] = the id of a run of k spaces, 1..size-1 (model.ts MAX_SPACE_RUN)
  int32_t newline = 0, cr = 0, tab = 0, crlf = 0;
  bool singleDigits = true;
  std::vector<int32_t> digitIds;  // 1110: 10 one-digit, 100 two-digit, 1000 three-digit strings by value (-1 none)
  CaseMode caseMode = CaseMode::None;  // None: no case markers
};

/** One token: vocabulary id, UTF-16 span, shared, and partial bytes relative to its start (-1 when whole). */
struct TextToken {
  int32_t id, start, end, shared, byteStart, byteEnd;
};

class TextEncoder {
 public:
  enum Status { kDone = 0, kMissing = 1, kNeedCases = 2 };

  TextEncoder(WordEncoder& encoder, TextEncoderSpec spec);

  /**
   * Encodes text[0, n) (well-formed UTF-16: the caller checked) into `out`. kNeedCases: word units whose case
   * needs a mapping the table marks special are in `casesNeeded` (give them with putCase); kMissing: words the
   * word encoder left to the reference are in `missing` (folded word, carry; give them with put). In both cases
   * nothing is out: encode again.
   */
  Status encode(const char16_t* text, size_t n, unsigned threads, std::vector<TextToken>& out, std::vector<std::pair<std::u16string, bool>>& missing,
                std::vector<std::u16string>& casesNeeded);

  /** The reference's case class of a word unit, its folded form, and whether upper(folded) gives it back. */
  void putCase(const std::u16string& word, CaseClass cls, std::u16string folded, bool upper);

  /**
   * The analysis to encode a folded word with (the analyzer's packed form for one word, count first), as the
   * trainer hands its own over; empty: the word goes to the reference (an analysis the addon cannot take).
   */
  void give(const std::u16string& folded, std::vector<int32_t> packed) { given_[folded] = std::move(packed); }

  /** A word encoding made by the reference: pieces relative to the word (-1 = the carried space). */
  void put(const std::u16string& folded, bool carry, bool startsWithMorph, std::vector<TextToken> pieces);

  /** Words the word encoder encoded, and words it left to the reference, over every call. */
  size_t handled = 0, notHandled = 0;

  size_t cachedWords() const { return words_[0].index.size() + words_[1].index.size(); }

  /** About how many bytes the caches hold (reported to the JavaScript engine, so that it collects dead encoders). */
  size_t approxBytes() const {
    return (pool_.capacity() + residuePool_.capacity()) * sizeof(TextToken) + (cachedWords() + residueIndex_.size()) * kBytesPerEntry +
           cased_.size() * 4 * kBytesPerEntry;
  }
  static constexpr size_t kBytesPerEntry = 64;

 private:
  /** A cached encoding: its pieces in pool_ (words) or residuePool_ (residue strings). */
  struct EncRef {
    uint32_t start, count;
    bool startsWithMorph;
  };
  struct Unit {
    UnitKind kind;
    int32_t start, end;
  };
  /** codec.ts WordPlan, per unit (cls stays kMixed for units that are not words). */
  struct Plan {
    CaseClass cls = kMixed;
    bool foldedInText = true;  // the folded word is the unit's own text, else at fold_[foldOff]
    uint32_t foldOff = 0;
    bool carry = false, inRun = false, runStart = false;
    bool upper = false;  // casing.upper(folded) is the word's text (what markRuns asks)
    int32_t enc = -1;    // index in words_[carry]
  };
  struct CaseInfo {
    CaseClass cls;
    std::u16string folded;
    bool upper;
  };
  /** Folded word -> encoding, for one carry. */
  struct WordCache {
    U16Index index;
    std::vector<EncRef> encs;
  };

  /** A run of the text: a special token (its index) or plain text with its units units_[firstUnit, endUnit). */
  struct Seg {
    int32_t start, end, special;
    size_t firstUnit, endUnit;
  };

  // The steps of encode().
  void split(const char16_t* text, size_t n);
  bool fold(const char16_t* text, std::vector<std::u16string>& needCase);
  void resolve(const char16_t* text, unsigned threads, std::vector<std::pair<std::u16string, bool>>& missing);
  void markRuns(const char16_t* text, const Seg& seg);
  void emit(const char16_t* text, const Seg& seg, std::vector<TextToken>& out);
  /** Unit k of the segment is exactly one ASCII space. */
  bool singleSpace(const char16_t* text, const Seg& seg, int64_t k) const;
  const EncRef& encOf(size_t k) const { return words_[plans_[k].carry].encs[static_cast<size_t>(plans_[k].enc)]; }

  const char16_t* folded(const char16_t* text, size_t k) const {
    return plans_[k].foldedInText ? text + units_[k].start : fold_.data() + plans_[k].foldOff;
  }
  uint32_t remember(const char16_t* w, size_t n, bool carry, const TextToken* pieces, size_t count, bool startsWithMorph);
  EncRef residue(const char16_t* s, size_t n);
  void emitResidue(const char16_t* text, int32_t from, int32_t to, std::vector<TextToken>& out);
  void emitWhitespace(const char16_t* text, const Unit& u, std::vector<TextToken>& out);
  /** casing.upper(folded) into `out`; false (and *special) when a mapping it needs is special. */
  bool upperOf(const char16_t* folded, size_t n, std::u16string& out, bool* special) const;
  int32_t digitId(const char16_t* s, size_t n) const;

  WordEncoder& encoder_;
  TextEncoderSpec spec_;
  Encoder bpe_;
  WordCache words_[2];  // [carry]
  std::vector<TextToken> pool_;
  U16Index residueIndex_;
  std::vector<EncRef> residueEncs_;
  std::vector<TextToken> residuePool_, longResidue_;
  std::unordered_map<std::u16string, std::vector<int32_t>> given_;
  std::unordered_map<std::u16string, CaseInfo> cased_;
  std::unordered_map<char16_t, std::vector<int32_t>> byFirst_;  // specials by first unit, longest first
  std::vector<uint8_t> isFirst_;  // per code unit: some special starts with it
  ResidueScratch scratch_;
  std::vector<ResidueToken> tokens_;
  // Per call, kept for their capacity.
  std::vector<Seg> segs_;
  std::vector<Unit> units_;
  std::vector<Plan> plans_;
  std::u16string fold_, lower_, upper_;
  U16Index asked_;
};

}  // namespace tokstudio
