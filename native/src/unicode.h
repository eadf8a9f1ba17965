// Code point classes and UTF-8 decoding shared by the pre-tokenizers, the word splitter and the encoder.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "unicode_table.h"

namespace tokstudio {

enum : uint8_t { kOther = 0, kUpper = 1, kLower = 2, kLetterOther = 3, kMark = 4, kNumber = 5 };
constexpr uint8_t kWhiteSpace = 8;  // \p{White_Space}
constexpr uint8_t kJsSpace = 16;    // JavaScript's \s (adds U+FEFF, lacks U+0085)
constexpr uint8_t kDecimalDigit = 32;  // \p{Nd} (a subset of kNumber)

inline uint8_t uniClass(uint32_t cp) {
  if (cp >= 0x110000) return 0;
  return kUniStage2[(static_cast<uint32_t>(kUniStage1[cp >> 8]) << 8) | (cp & 0xff)];
}
inline uint8_t generalOf(uint8_t cls) { return cls & 7; }
inline bool isLetter(uint8_t cls) { uint8_t g = cls & 7; return g >= kUpper && g <= kLetterOther; }
inline bool isNumber(uint8_t cls) { return (cls & 7) == kNumber; }
inline bool isWhite(uint8_t cls) { return (cls & kWhiteSpace) != 0; }
inline bool isDecimalDigit(uint8_t cls) { return (cls & kDecimalDigit) != 0; }

/**
 * Decodes one code point of well-formed UTF-8 at s[i] (the caller validated the text); returns its
 * length in bytes.
 */
inline int decodeUtf8(const uint8_t* s, size_t i, uint32_t* cp) {
  uint8_t b = s[i];
  if (b < 0x80) { *cp = b; return 1; }
  if (b < 0xe0) { *cp = ((b & 0x1fu) << 6) | (s[i + 1] & 0x3fu); return 2; }
  if (b < 0xf0) { *cp = ((b & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu); return 3; }
  *cp = ((b & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3fu);
  return 4;
}

/** Index of the first byte of the first ill-formed sequence (Unicode Table 3-7), or -1 when all is valid. */
inline long findInvalidUtf8(const uint8_t* buf, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t b = buf[i];
    if (b < 0x80) { i++; continue; }
    int need;
    uint8_t lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 2;
    else if (b == 0xe0) { need = 3; lo = 0xa0; }
    else if (b == 0xed) { need = 3; hi = 0x9f; }
    else if (b >= 0xe1 && b <= 0xef) need = 3;
    else if (b == 0xf0) { need = 4; lo = 0x90; }
    else if (b == 0xf4) { need = 4; hi = 0x8f; }
    else if (b >= 0xf1 && b <= 0xf3) need = 4;
    else return static_cast<long>(i);
    if (i + need > n) return static_cast<long>(i);
    if (buf[i + 1] < lo || buf[i + 1] > hi) return static_cast<long>(i);
    for (int k = 2; k < need; k++) if ((buf[i + k] & 0xc0) != 0x80) return static_cast<long>(i);
    i += need;
  }
  return -1;
}

/** Where s[0, n) holds a lone surrogate (a pair must lie wholly inside), or n when it holds none. */
inline size_t loneSurrogateAt(const char16_t* s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const char16_t c = s[i];
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      return i;
    }
  }
  return n;
}

/** Appends a code point to UTF-16 text (a surrogate pair above the BMP). */
inline void appendUtf16(std::u16string& out, uint32_t cp) {
  if (cp < 0x10000) {
    out.push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
  }
}

}  // namespace tokstudio
