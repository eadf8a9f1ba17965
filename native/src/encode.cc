#include "encode.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>

namespace tokstudio {
namespace {
constexpr size_t kCacheLimit = 50000;
inline uint64_t pairKey(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
}  // namespace

Encoder::Encoder(EncoderModel m) : m_(std::move(m)) {
  const size_t n = m_.left.size();
  if (m_.right.size() != n || m_.result.size() != n) throw std::invalid_argument("merge arrays differ in length");
  if (m_.specials.size() != m_.specialIds.size()) throw std::invalid_argument("special arrays differ in length");
  rank_.reserve(n);
  for (size_t r = 0; r < n; r++) rank_.insert(pairKey(m_.left[r], m_.right[r]), static_cast<uint32_t>(r));
  specialsByFirst_.resize(256);
  for (size_t i = 0; i < m_.specials.size(); i++) {
    if (m_.specials[i].empty()) throw std::invalid_argument("a special token cannot be empty");
    specialsByFirst_[static_cast<uint8_t>(m_.specials[i][0])].push_back(static_cast<uint32_t>(i));
  }
  for (auto& list : specialsByFirst_) {
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) { return m_.specials[a].size() > m_.specials[b].size(); });
  }
  if (m_.ignoreMerges) {
    if (m_.tokenBytes.size() != m_.tokenIds.size()) throw std::invalid_argument("token arrays differ in length");
    for (size_t i = 0; i < m_.tokenBytes.size(); i++) wholeIds_.emplace(m_.tokenBytes[i], m_.tokenIds[i]);
  }
}

void Encoder::encode(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>* lens) {
  size_t plain = 0, i = 0;
  while (i < n) {
    int hit = -1;
    for (uint32_t c : specialsByFirst_[s[i]]) {
      const std::string& sp = m_.specials[c];
      if (sp.size() <= n - i && std::memcmp(sp.data(), s + i, sp.size()) == 0) {
        hit = static_cast<int>(c);
        break;
      }
    }
    if (hit < 0) {
      i++;
      continue;
    }
    if (i > plain) encodeSegment(s + plain, i - plain, ids, lens);
    ids.push_back(m_.specialIds[hit]);
    if (lens) lens->push_back(static_cast<uint32_t>(m_.specials[hit].size()));
    i += m_.specials[hit].size();
    plain = i;
  }
  if (plain < n) encodeSegment(s + plain, n - plain, ids, lens);
}

void Encoder::encodeWhole(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>& lens) {
  if (n == 0) return;  // the pattern matches nothing in an empty string
  const Piece& p = piece(s, n);
  ids.insert(ids.end(), p.ids.begin(), p.ids.end());
  lens.insert(lens.end(), p.lens.begin(), p.lens.end());
}

void Encoder::encodeSegment(const uint8_t* s, size_t n, std::vector<uint32_t>& ids, std::vector<uint32_t>* lens) {
  ends_.clear();
  pretokenize(s, n, m_.preset, scratch_, ends_);
  std::vector<uint32_t> ends;
  ends.swap(ends_);  // piece() may not reuse it while we walk it
  size_t prev = 0;
  for (uint32_t e : ends) {
    const Piece& p = piece(s + prev, e - prev);
    ids.insert(ids.end(), p.ids.begin(), p.ids.end());
    if (lens) lens->insert(lens->end(), p.lens.begin(), p.lens.end());
    prev = e;
  }
  ends.swap(ends_);
}

const Encoder::Piece& Encoder::piece(const uint8_t* s, size_t n) {
  std::string key(reinterpret_cast<const char*>(s), n);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  Piece p;
  bool whole = false;
  if (m_.ignoreMerges) {
    auto w = wholeIds_.find(key);
    if (w != wholeIds_.end()) {
      p.ids.push_back(w->second);
      p.lens.push_back(static_cast<uint32_t>(n));
      whole = true;
    }
  }
  if (!whole) mergeBytes(s, n, p);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  return cache_.emplace(std::move(key), std::move(p)).first->second;
}

void Encoder::mergeBytes(const uint8_t* s, size_t n, Piece& out) {
  id_.resize(n);
  len_.resize(n);
  prev_.resize(n);
  next_.resize(n);
  for (size_t i = 0; i < n; i++) {
    id_[i] = m_.byteIds[s[i]];
    len_[i] = 1;
    prev_[i] = static_cast<int32_t>(i) - 1;
    next_[i] = i + 1 < n ? static_cast<int32_t>(i + 1) : -1;
  }
  // Min-heap of rank << 32 | position: lowest rank first, leftmost on ties.
  heap_.clear();
  auto greater = std::greater<uint64_t>();
  auto consider = [&](int32_t i) {
    int32_t j = next_[i];
    if (j < 0) return;
    uint32_t r = rank_.get(pairKey(id_[i], id_[j]));
    if (r == U64Map::kMissing) return;
    heap_.push_back((static_cast<uint64_t>(r) << 32) | static_cast<uint32_t>(i));
    std::push_heap(heap_.begin(), heap_.end(), greater);
  };
  for (size_t i = 0; i + 1 < n; i++) consider(static_cast<int32_t>(i));
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    uint64_t top = heap_.back();
    heap_.pop_back();
    uint32_t r = static_cast<uint32_t>(top >> 32);
    int32_t i = static_cast<int32_t>(top & 0xffffffffu);
    if (len_[i] == 0) continue;  // merged into its left neighbour already
    int32_t j = next_[i];
    if (j < 0) continue;
    if (rank_.get(pairKey(id_[i], id_[j])) != r) continue;  // stale entry
    id_[i] = m_.result[r];
    len_[i] += len_[j];
    len_[j] = 0;
    next_[i] = next_[j];
    if (next_[j] >= 0) prev_[next_[j]] = i;
    if (prev_[i] >= 0) consider(prev_[i]);
    consider(i);
  }
  for (int32_t i = n ? 0 : -1; i >= 0; i = next_[i]) {
    out.ids.push_back(id_[i]);
    out.lens.push_back(len_[i]);
  }
}

}  // namespace tokstudio
