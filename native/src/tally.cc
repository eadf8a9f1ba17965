// See tally.h.
#include "tally.h"

#include <algorithm>

namespace tokstudio {

void TokenTally::setWords(std::u16string text, std::vector<uint32_t> lens, std::vector<double> weights, std::vector<uint8_t> alone, size_t chunk) {
  words_ = std::move(text);
  lens_ = std::move(lens);
  weights_ = std::move(weights);
  alone_ = std::move(alone);
  chunk_ = chunk;
  done_ = 0;
  wordAt_.assign(lens_.size(), 0);
  for (size_t i = 1; i < lens_.size(); i++) wordAt_[i] = wordAt_[i - 1] + lens_[i - 1];
}

size_t TokenTally::nextCall(std::u16string& text, std::vector<int32_t>& aStart, std::vector<int32_t>& wordEnd) const {
  text.clear();
  aStart.clear();
  wordEnd.clear();
  size_t i = done_;
  for (; i < lens_.size() && aStart.size() < chunk_; i++) {
    if (alone_[i] && !aStart.empty()) break;
    if (!aStart.empty()) text.push_back(u'\n');
    aStart.push_back(static_cast<int32_t>(text.size()));
    text.append(u"a ");
    text.append(words_, wordAt_[i], lens_[i]);
    wordEnd.push_back(static_cast<int32_t>(text.size()));
    if (alone_[i]) {
      i++;
      break;
    }
  }
  return i;
}

void TokenTally::add(const char16_t* text, const std::vector<TextToken>& tokens, const std::vector<int32_t>& aStart, const std::vector<int32_t>& wordEnd,
                     size_t end) {
  const size_t words = wordEnd.size();
  size_t cur = 0;
  for (const TextToken& t : tokens) {
    while (cur < words && t.end > wordEnd[cur]) cur++;
    if (cur == words || t.end <= aStart[cur] + 1) continue;
    const double n = weights_[done_ + cur];
    tokenTotal += n;
    const uint8_t f = flags_[static_cast<size_t>(t.id)];
    if (f & kSampled) sample(text, t, n);
    if (f & kSharable) {
      sharable += n;
      if (t.shared) shared += n;
    }
  }
  done_ = end;
}

void TokenTally::sample(const char16_t* text, const TextToken& t, double n) {
  const bool part = t.byteStart >= 0;
  const size_t len = static_cast<size_t>(t.end - t.start);
  const int32_t first = part ? -1 : firstSample_[static_cast<size_t>(t.id)];
  if (first >= 0 && lens[first] == len && std::equal(text + t.start, text + t.end, texts.data() + textAt_[first])) {
    counts[first] += n;
    return;
  }
  key_.clear();
  key_.push_back(static_cast<char16_t>(t.id & 0xffff));
  key_.push_back(static_cast<char16_t>(static_cast<uint32_t>(t.id) >> 16));
  key_.push_back(part ? u'\1' : u'\0');
  if (!part) key_.append(text + t.start, static_cast<size_t>(t.end - t.start));
  bool added;
  const uint32_t i = index_.insert(key_.data(), key_.size(), &added);
  if (!added) {
    counts[i] += n;
    return;
  }
  if (!part && firstSample_[static_cast<size_t>(t.id)] < 0) firstSample_[static_cast<size_t>(t.id)] = static_cast<int32_t>(ids.size());
  ids.push_back(t.id);
  partial.push_back(part ? 1 : 0);
  lens.push_back(static_cast<uint32_t>(key_.size() - 3));
  textAt_.push_back(texts.size());
  texts.append(key_, 3, std::u16string::npos);
  counts.push_back(n);
}

}  // namespace tokstudio
