#include "train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <unordered_set>

#include "hashmap.h"

namespace tokstudio {
namespace {

inline uint64_t pairKey(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }

int compareBytes(const std::string& x, const std::string& y) {
  size_t n = std::min(x.size(), y.size());
  int c = n ? std::memcmp(x.data(), y.data(), n) : 0;
  if (c != 0) return c;
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

struct HeapEntry {
  int64_t count;
  uint32_t pair;
};

}  // namespace

TrainOutput trainBpe(const TrainInput& in, const std::atomic<bool>* stop, const TrainProgress& progress) {
  if (in.lens.size() != in.counts.size()) throw std::invalid_argument("lengths and counts differ in size");
  uint64_t totalBytes = 0;
  for (uint32_t l : in.lens) totalBytes += l;
  if (totalBytes != in.bytes.size()) throw std::invalid_argument("pre-token lengths do not add up to the bytes given");
  if (in.minFrequency < 1) throw std::invalid_argument("minimum frequency must be at least 1");

  // Words as symbol sequences, back to back; single-byte pre-tokens carry no pairs.
  std::vector<uint32_t> wordStart, wordLen;
  std::vector<int64_t> wordCount;
  std::vector<uint32_t> syms;
  {
    size_t off = 0;
    for (size_t w = 0; w < in.lens.size(); w++) {
      double c = in.counts[w];
      uint32_t len = in.lens[w];
      if (!(c >= 0) || c != std::floor(c) || c > 9007199254740991.0) throw std::invalid_argument("a pre-token count is not a non-negative integer");
      if (len >= 2 && c > 0) {
        if (syms.size() + len > UINT32_MAX) throw std::invalid_argument("pre-tokens too large");
        wordStart.push_back(static_cast<uint32_t>(syms.size()));
        wordLen.push_back(len);
        wordCount.push_back(static_cast<int64_t>(c));
        for (uint32_t i = 0; i < len; i++) syms.push_back(in.bytes[off + i]);
      }
      off += len;
    }
  }
  const uint32_t nWords = static_cast<uint32_t>(wordStart.size());

  std::vector<std::string> symBytes;
  symBytes.reserve(256 + in.mergeBudget);
  for (int b = 0; b < 256; b++) symBytes.emplace_back(1, static_cast<char>(b));
  std::unordered_set<std::string> taken(symBytes.begin(), symBytes.end());
  for (const std::string& s : in.extraTaken) taken.insert(s);

  // Pair table: key -> index; per index the symbols, the count and the words that contain the pair (may
  // hold words that no longer do, never the same word twice in a row).
  U64Map pairIndex;
  std::vector<uint32_t> pairLeft, pairRight;
  std::vector<int64_t> pairCount;
  std::vector<std::vector<uint32_t>> pairWords;
  auto indexOf = [&](uint32_t a, uint32_t b) -> uint32_t {
    uint32_t idx = pairIndex.insert(pairKey(a, b), static_cast<uint32_t>(pairLeft.size()));
    if (idx == pairLeft.size()) {
      pairLeft.push_back(a);
      pairRight.push_back(b);
      pairCount.push_back(0);
      pairWords.emplace_back();
    }
    return idx;
  };
  for (uint32_t w = 0; w < nWords; w++) {
    const uint32_t* seq = syms.data() + wordStart[w];
    for (uint32_t i = 0; i + 1 < wordLen[w]; i++) {
      uint32_t p = indexOf(seq[i], seq[i + 1]);
      pairCount[p] += wordCount[w];
      std::vector<uint32_t>& list = pairWords[p];
      if (list.empty() || list.back() != w) list.push_back(w);
    }
  }

  // Max-heap: count desc, then left bytes asc, then right bytes asc (a total order: symbols are distinct).
  auto after = [&](const HeapEntry& x, const HeapEntry& y) {
    if (x.count != y.count) return x.count < y.count;
    int c = compareBytes(symBytes[pairLeft[x.pair]], symBytes[pairLeft[y.pair]]);
    if (c != 0) return c > 0;
    return compareBytes(symBytes[pairRight[x.pair]], symBytes[pairRight[y.pair]]) > 0;
  };
  std::vector<HeapEntry> heap;
  heap.reserve(pairLeft.size());
  for (uint32_t p = 0; p < pairLeft.size(); p++) heap.push_back({pairCount[p], p});
  std::make_heap(heap.begin(), heap.end(), after);
  auto push = [&](int64_t c, uint32_t p) {
    heap.push_back({c, p});
    std::push_heap(heap.begin(), heap.end(), after);
  };

  TrainOutput out;
  std::vector<uint32_t> seenStamp(nWords, 0);
  std::vector<uint32_t> touched;
  const uint32_t budget = in.mergeBudget;
  const uint32_t step = std::max<uint32_t>(1, static_cast<uint32_t>((static_cast<uint64_t>(budget) + 99) / 100));
  const auto mergeStart = std::chrono::steady_clock::now();

  auto addPair = [&](uint32_t a, uint32_t b, int64_t delta, uint32_t w) {
    uint32_t p = indexOf(a, b);
    pairCount[p] += delta;
    if (delta > 0) {
      std::vector<uint32_t>& list = pairWords[p];
      if (list.empty()) {
        list.push_back(w);
        touched.push_back(p);
      } else if (list.back() != w) {
        list.push_back(w);
      }
    }
  };

  while (out.left.size() < budget) {
    if (stop && stop->load(std::memory_order_relaxed)) {
      out.cancelled = true;
      return out;
    }
    int64_t bestCount = 0;
    uint32_t best = UINT32_MAX;
    while (!heap.empty()) {
      HeapEntry top = heap.front();
      std::pop_heap(heap.begin(), heap.end(), after);
      heap.pop_back();
      int64_t current = pairCount[top.pair];
      if (current == 0) continue;
      if (current != top.count) {
        push(current, top.pair);
        continue;
      }
      std::string joined = symBytes[pairLeft[top.pair]] + symBytes[pairRight[top.pair]];
      if (taken.count(joined)) {
        out.duplicatesSkipped++;  // gone from the heap for good: only brand-new pairs are pushed later
        continue;
      }
      best = top.pair;
      bestCount = current;
      break;
    }
    if (best == UINT32_MAX) {
      out.stop = StopReason::NoPairs;
      break;
    }
    if (bestCount < in.minFrequency) {
      out.stop = StopReason::BelowMinimum;
      out.stopCount = bestCount;
      break;
    }

    const uint32_t a = pairLeft[best];
    const uint32_t b = pairRight[best];
    const uint32_t z = static_cast<uint32_t>(symBytes.size());
    symBytes.push_back(symBytes[a] + symBytes[b]);
    taken.insert(symBytes.back());
    out.left.push_back(a);
    out.right.push_back(b);

    const uint32_t stamp = static_cast<uint32_t>(out.left.size());
    touched.clear();
    std::vector<uint32_t> words = std::move(pairWords[best]);
    pairWords[best] = std::vector<uint32_t>();
    for (uint32_t w : words) {
      if (seenStamp[w] == stamp) continue;
      seenStamp[w] = stamp;
      uint32_t* seq = syms.data() + wordStart[w];
      const uint32_t len = wordLen[w];
      const int64_t n = wordCount[w];
      uint32_t o = 0;
      uint32_t i = 0;
      while (i < len) {
        if (i + 1 < len && seq[i] == a && seq[i + 1] == b) {
          pairCount[best] -= n;
          if (o > 0) {
            uint32_t left = seq[o - 1];
            addPair(left, a, -n, w);
            addPair(left, z, n, w);
          }
          if (i + 2 < len) {
            uint32_t right = seq[i + 2];
            addPair(b, right, -n, w);
            addPair(z, right, n, w);
          }
          seq[o++] = z;
          i += 2;
        } else {
          seq[o++] = seq[i++];
        }
      }
      wordLen[w] = o;
    }
    pairCount[best] = 0;
    for (uint32_t p : touched) {
      if (pairCount[p] > 0) push(pairCount[p], p);
    }

    const uint32_t done = static_cast<uint32_t>(out.left.size());
    if (progress && (done % step == 0 || done == budget)) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - mergeStart).count();
      progress(done, budget, seconds > 0 ? done / seconds : 0);
    }
  }
  return out;
}

}  // namespace tokstudio
