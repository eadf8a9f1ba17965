// decoder.ts rootTrigger and digitTrigger: after which code point a root (or prefix) or a digit group takes an
// implied space, shared by the word encoder's verification decode and the text encoder.
#pragma once
#include <cstdint>

#include "unicode.h"

namespace tokstudio {

/** /^[\p{L}\p{M}]/u of one code point (-1, none, and a lone surrogate are neither). */
inline bool letterOrMark(int32_t cp) {
  if (cp < 0) return false;
  const uint8_t g = generalOf(uniClass(static_cast<uint32_t>(cp)));
  return g >= kUpper && g <= kMark;
}

/** /^\p{Nd}/u of one code point. */
inline bool decimalDigit(int32_t cp) { return cp >= 0 && isDecimalDigit(uniClass(static_cast<uint32_t>(cp))); }

/** rootTrigger(before, last) reads only the last code point: a letter, a \p{Nd} digit, or . , ; : ! ? … ) ] } » % */
inline bool rootTrigger(int32_t last) {
  if (last < 0) return false;
  if (letterOrMark(last) || decimalDigit(last)) return true;
  switch (last) {
    case '.': case ',': case ';': case ':': case '!': case '?': case 0x2026: case ')': case ']': case '}': case 0xbb: case '%':
      return true;
    default:
      return false;
  }
}

/** digitTrigger(before, last): a letter or ; ! ? … ) ] } », or . , : unless a digit comes before it. */
inline bool digitTrigger(int32_t before, int32_t last) {
  if (last < 0) return false;
  if (letterOrMark(last)) return true;
  switch (last) {
    case ';': case '!': case '?': case 0x2026: case ')': case ']': case '}': case 0xbb:
      return true;
    case '.': case ',': case ':':
      return !decimalDigit(before);
    default:
      return false;
  }
}

}  // namespace tokstudio
