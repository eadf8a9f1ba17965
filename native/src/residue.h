// The hybrid tokenizer's residue pieces (codec.ts residuePieces): a UTF-16 string's bytes through the residue BPE
// as one pre-token, each token mapped back to the characters it touches (byteSpansToTokens), shared by the word
// encoder and the text encoder.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "encode.h"

namespace tokstudio {

/**
 * One token: its id in the BPE's numbering, the UTF-16 range of the characters its bytes touch, and, when it
 * does not cover whole characters (byteSpansToTokens' `aligned` is false), its bytes relative to the UTF-8 of
 * s[start..] (the reference's `partial`); byteStart = byteEnd = -1 otherwise.
 */
struct ResidueToken {
  int32_t id, start, end, byteStart, byteEnd;
};

struct ResidueScratch {
  std::string utf8;
  std::vector<int32_t> unitAt;  // per byte: the UTF-16 offset of the character starting there, -1 inside one
  std::vector<int32_t> charOf;  // per byte: the UTF-16 offset of the character it belongs to
  std::vector<int32_t> charByte;  // per byte: the byte offset where its character starts
  std::vector<uint32_t> ids, lens;
};

/** The tokens of s[0, n); false (and nothing appended) when s holds a lone surrogate, which the reference refuses. */
inline bool residueTokens(Encoder& bpe, const char16_t* s, size_t n, ResidueScratch& sc, std::vector<ResidueToken>& out) {
  sc.utf8.clear();
  sc.unitAt.clear();
  sc.charOf.clear();
  sc.charByte.clear();
  for (size_t i = 0; i < n;) {
    uint32_t cp = s[i];
    size_t len = 1;
    const bool high = cp >= 0xd800 && cp <= 0xdbff, low = cp >= 0xdc00 && cp <= 0xdfff;
    if (high && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (s[i + 1] - 0xdc00);
      len = 2;
    } else if (high || low) {
      return false;
    }
    const size_t before = sc.utf8.size();
    if (cp < 0x80) {
      sc.utf8.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      sc.utf8.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      sc.utf8.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      sc.utf8.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      sc.utf8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      sc.utf8.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      sc.utf8.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      sc.utf8.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      sc.utf8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      sc.utf8.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
    for (size_t k = before; k < sc.utf8.size(); k++) {
      sc.unitAt.push_back(k == before ? static_cast<int32_t>(i) : -1);
      sc.charOf.push_back(static_cast<int32_t>(i));
      sc.charByte.push_back(static_cast<int32_t>(before));
    }
    i += len;
  }
  sc.unitAt.push_back(static_cast<int32_t>(n));
  sc.ids.clear();
  sc.lens.clear();
  bpe.encodeWhole(reinterpret_cast<const uint8_t*>(sc.utf8.data()), sc.utf8.size(), sc.ids, sc.lens);
  size_t b = 0;
  for (size_t k = 0; k < sc.ids.size(); k++) {
    const size_t e = b + sc.lens[k];
    const int32_t id = static_cast<int32_t>(sc.ids[k]);
    if (sc.unitAt[b] >= 0 && sc.unitAt[e] >= 0) {
      out.push_back(ResidueToken{id, sc.unitAt[b], sc.unitAt[e], -1, -1});
    } else {
      // The characters its first and last bytes belong to; its bytes counted from the first one's start.
      const int32_t start = sc.charOf[b];
      size_t last = e - 1;
      int32_t end = sc.charOf[last];
      end += (s[end] >= 0xd800 && s[end] <= 0xdbff) ? 2 : 1;
      const int32_t off = sc.charByte[b];
      out.push_back(ResidueToken{id, start, end, static_cast<int32_t>(b) - off, static_cast<int32_t>(e) - off});
    }
    b = e;
  }
  return true;
}

}  // namespace tokstudio
