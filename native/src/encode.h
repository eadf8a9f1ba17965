// The byte-level BPE encoder of main/core/bpe/tokenizer.ts (BpeTokenizer.encodeIds): specials cut out
// leftmost-longest, a preset pre-tokenizer, merges lowest rank first and leftmost on ties, a piece cache.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "hashmap.h"
#include "pretok.h"

namespace tokstudio {

struct EncoderModel {
  Preset preset = Preset::Gpt4o;
  uint32_t byteIds[256] = {};
  /** Merge r joins ids (left[r], right[r]) into result[r]; the first rank of a repeated pair wins. */
  std::vector<uint32_t> left, right, result;
  std::vector<std::string> specials;  // UTF-8
  std::vector<uint32_t> specialIds;
  /** Hugging Face's ignore_merges: a pre-token that is a whole token stays whole. */
  bool ignoreMerges = false;
  std::vector<std::string> tokenBytes;  // with ignoreMerges: the non-special tokens' bytes
  std::vector<uint32_t> tokenIds;
};

class Encoder {
 public:
  explicit Encoder(EncoderModel m);
  /** Appends ids (and, if given, each token's byte length) for well-formed UTF-8 s[0, n). */
  void encode(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>* lens);
  /**
   * Appends ids and byte lengths for s[0, n) as ONE pre-token, specials not looked for: what a model with the
   * pattern '[\s\S]+' and no specials gives (the hybrid tokenizer's residue BPE).
   */
  void encodeWhole(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>& lens);

 private:
  struct Piece {
    std::vector<uint32_t> ids, lens;
  };
  void encodeSegment(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>* lens);
  const Piece& piece(const uint8_t* s, size_t n);
  void mergeBytes(const uint8_t* s, size_t n, Piece& out);

  EncoderModel m_;
  U64Map rank_;
  std::vector<std::vector<uint32_t>> specialsByFirst_;  // first byte -> specials, longest first
  std::unordered_map<std::string, uint32_t> wholeIds_;
  std::unordered_map<std::string, Piece> cache_;
  PretokScratch scratch_;
  std::vector<uint32_t> ends_;
  // mergeBytes' buffers
  std::vector<uint32_t> id_, len_;
  std::vector<int32_t> prev_, next_;
  std::vector<uint64_t> heap_;
};

}  // namespace tokstudio
