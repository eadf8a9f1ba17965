// The training statistics' token tally (main/core/hybrid/trainStats.ts corpusEncodingStats) over the text
// encoder's tokens: the corpus words go in once and are encoded in calls of many words, each token is counted,
// weighted, for the word it ends in, and every (id, text) a sampled id shows is kept once with its weight summed,
// in first-seen order, so JavaScript reads a few thousand samples instead of every token.
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
   * The words to tally, each measured as "a " + word (trainStats.ts): in calls of up to `chunk` words joined by
   * "\n", a word with alone[i] set in a call of its own. The caller checked the shapes.
   */
  void setWords(std::u16string text, std::vector<uint32_t> lens, std::vector<double> weights, std::vector<uint8_t> alone, size_t chunk);
  size_t words() const { return lens_.size(); }
  /** Words tallied so far: the next call starts there. */
  size_t done() const { return done_; }

  /**
   * The next call's text and its words' spans (word i spans (aStart[i] + 1, wordEnd[i]]); returns where the
   * call ends (the next call's first word).
   */
  size_t nextCall(std::u16string& text, std::vector<int32_t>& aStart, std::vector<int32_t>& wordEnd) const;

  /**
   * Adds the tokens of the call nextCall made, and moves past it. A token counts for the first word whose end it
   * does not pass, unless it ends inside that word's "a" (trainStats.ts scanTally).
   */
  void add(const char16_t* text, const std::vector<TextToken>& tokens, const std::vector<int32_t>& aStart, const std::vector<int32_t>& wordEnd, size_t end);

  double tokenTotal = 0, sharable = 0, shared = 0;
  /** The samples, first seen first: id, whether it is a partial-byte token (its text is then the id's), text, weight. */
  std::vector<int32_t> ids;
  std::vector<uint8_t> partial;
  std::u16string texts;
  std::vector<uint32_t> lens;
  std::vector<double> counts;

  size_t approxBytes() const {
    return texts.capacity() * 4 + ids.size() * (sizeof(int32_t) + 1 + sizeof(uint32_t) + sizeof(size_t) + sizeof(double) + 48) + flags_.size() * 5 +
           words_.capacity() * 2 + lens_.size() * (sizeof(uint32_t) + sizeof(size_t) + sizeof(double) + 1);
  }

 private:
  void sample(const char16_t* text, const TextToken& t, double n);

  std::vector<uint8_t> flags_;
  std::u16string words_;
  std::vector<uint32_t> lens_;
  std::vector<size_t> wordAt_;
  std::vector<double> weights_;
  std::vector<uint8_t> alone_;
  size_t chunk_ = 1, done_ = 0;
  // Per id its first whole-text sample (most ids only ever show one or two texts): compared in place before the
  // index is asked.
  std::vector<int32_t> firstSample_;
  std::vector<size_t> textAt_;  // per sample, where its text starts in texts
  U16Index index_;  // key: id (two units), partial flag, then the text of a whole token
  std::u16string key_;
};

}  // namespace tokstudio
