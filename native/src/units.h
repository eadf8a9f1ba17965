// The hybrid trainer's units pass (main/core/hybrid/corpusUnits.ts, the reference): every distinct corpus word
// split into units (WORD = \p{L}\p{M} runs, NUMBER = \p{Nd}, SPACE = \s, OTHER), word units case-folded as
// hybrid/casing.ts does, and the folded word types (with how often they open a word or follow inside one), the
// residue strings and the number of word units added up. Words are UTF-16, so every length and comparison is in
// code units as in JavaScript.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "unicode.h"

namespace tokstudio {

/** How word units are folded: not at all (no case markers), the root mapping, or Turkish/Azerbaijani dotted I. */
enum class CaseMode : int { None = -1, Root = 0, Dotted = 1 };

/** The mapped code point, or -1 when the mapping is not one code point or depends on the neighbours. */
int32_t caseLower(uint32_t cp, CaseMode mode);
int32_t caseUpper(uint32_t cp, CaseMode mode);

enum UnitKind : uint8_t { kUnitNone = 0, kUnitWord = 1, kUnitNumber = 2, kUnitSpace = 3, kUnitOther = 4 };

/** units.ts's classes, tested in its order: letters and marks, \p{Nd}, \s, anything else (lone surrogates too). */
inline UnitKind unitKind(uint32_t cp) {
  const uint8_t c = uniClass(cp);
  const uint8_t g = generalOf(c);
  if (g >= kUpper && g <= kMark) return kUnitWord;
  if (isDecimalDigit(c)) return kUnitNumber;
  if (c & kJsSpace) return kUnitSpace;
  return kUnitOther;
}

/** The code point at s[i] (a pair inside [i, end) is one; a lone half is itself) and its length in units. */
inline uint32_t codePointAt(const char16_t* s, size_t i, size_t end, int* width) {
  uint32_t c = s[i];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    uint32_t lo = s[i + 1];
    if (lo >= 0xdc00 && lo <= 0xdfff) {
      *width = 2;
      return 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
    }
  }
  *width = 1;
  return c;
}

enum CaseClass { kLowerCase, kCapitalised, kAllCaps, kMixed, kFallback };

/**
 * casing.ts classify(s) and lower(s) (into `lower`), or kFallback when a mapping it needs is special. Like the
 * reference, upper() of the whole folded word is looked at only when capFirst did not give the word back.
 */
CaseClass classify(const char16_t* s, size_t n, CaseMode mode, std::u16string& lower, std::u16string& upper);

struct UnitsResult {
  /** Sorted position -> input index: the words in code-unit order (JavaScript's default sort). */
  std::vector<uint32_t> order;
  /** Sorted positions of the words left to the reference (a case mapping needed that is special). */
  std::vector<uint32_t> fallback;
  /** Folded word types in code-unit order, back to back, with lengths and lead / inner counts. */
  std::u16string typeText;
  std::vector<uint32_t> typeLens;
  std::vector<double> typeLead, typeInner;
  /** Residue strings in code-unit order, back to back, with lengths and counts. */
  std::u16string residueText;
  std::vector<uint32_t> residueLens;
  std::vector<double> residueCounts;
  double wordUnits = 0;
};

/**
 * n words back to back in text (lens[i] code units each) with their counts: positive whole numbers such that
 * the sum of count × length is at most 2^53 - 1 (the caller checks), so every sum is exact in any order.
 */
UnitsResult corpusUnits(const char16_t* text, const uint32_t* lens, const double* counts, size_t n, CaseMode mode);

}  // namespace tokstudio
