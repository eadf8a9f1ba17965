// See tally.h.
#include "tally.h"

#include <algorithm>

namespace tokstudio {

void TokenTally::add(const char16_t* text, const std::vector<TextToken>& tokens, const int32_t* aStart, const int32_t* wordEnd, const double* weight,
                     size_t words) {
  size_t cur = 0;
  for (const TextToken& t : tokens) {
    while (cur < words && t.end > wordEnd[cur]) cur++;
    if (cur == words || t.end <= aStart[cur] + 1) continue;
    const double n = weight[cur];
    tokenTotal += n;
    const uint8_t f = flags_[static_cast<size_t>(t.id)];
    if (f & kSampled) sample(text, t, n);
    if (f & kSharable) {
      sharable += n;
      if (t.shared) shared += n;
    }
  }
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
