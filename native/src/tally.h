// The training statistics' token tally (main/core/hybrid/trainStats.ts corpusEncodingStats) over the text
// encoder's tokens: each token is counted, weighted, for the word it ends in, and every (id, text) a sampled id
// shows is kept once with its weight summed, in first-seen order, so JavaScript reads a few thousand samples
// instead of every token.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "hashmap.h"
#include "textenc.h"

namespace tokstudio {

class TokenTally {
 public:
  static constexpr uint8_t kSampled = 1, kSharable = 2;  // trainStats.ts SAMPLED, SHARABLE

  /** flags: per vocabulary id, kSampled | kSharable. */
  explicit TokenTally(std::vector<uint8_t> flags) : flags_(std::move(flags)), firstSample_(flags_.size(), -1) {}

  /**
   * Adds one call's tokens. Word i spans (aStart[i] + 1, wordEnd[i]]: a token counts for the first word whose end
   * it does not pass, unless it ends inside that word's "a" (trainStats.ts take). The caller checked that the
   * words are in order and inside the text, and that every id has a flag.
   */
  void add(const char16_t* text, const std::vector<TextToken>& tokens, const int32_t* aStart, const int32_t* wordEnd, const double* weight, size_t words);

  double tokenTotal = 0, sharable = 0, shared = 0;
  /** The samples, first seen first: id, whether it is a partial-byte token (its text is then the id's), text, weight. */
  std::vector<int32_t> ids;
  std::vector<uint8_t> partial;
  std::u16string texts;
  std::vector<uint32_t> lens;
  std::vector<double> counts;

  size_t approxBytes() const {
    return texts.capacity() * 4 + ids.size() * (sizeof(int32_t) + 1 + sizeof(uint32_t) + sizeof(size_t) + sizeof(double) + 48) + flags_.size() * 5;
  }

 private:
  void sample(const char16_t* text, const TextToken& t, double n);

  std::vector<uint8_t> flags_;
  // Per id its first whole-text sample (most ids only ever show one or two texts): compared in place before the
  // index is asked.
  std::vector<int32_t> firstSample_;
  std::vector<size_t> textAt_;  // per sample, where its text starts in texts
  U16Index index_;  // key: id (two units), partial flag, then the text of a whole token
  std::u16string key_;
};

}  // namespace tokstudio
