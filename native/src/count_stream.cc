#include "count_stream.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "pretok.h"
#include "unicode.h"

namespace tokstudio {
namespace {

/** Counts of a run of records, on one thread. */
struct RecordRange {
  size_t from = 0, to = 0;   // record indexes
  size_t byteFrom = 0;       // offset of record `from`
  CountResult counts;
  bool invalid = false;
};

void countRange(const uint8_t* data, const uint32_t* lens, RecordRange& r, Preset preset, const std::atomic<bool>& cancel) {
  PretokScratch scratch;
  std::vector<uint32_t> ends;
  size_t at = r.byteFrom;
  for (size_t i = r.from; i < r.to; i++) {
    if ((i & 1023) == 0 && cancel.load(std::memory_order_relaxed)) {
      r.counts.status = CountStatus::Cancelled;
      return;
    }
    const uint8_t* p = data + at;
    size_t n = lens[i];
    at += n;
    if (findInvalidUtf8(p, n) >= 0) {
      r.invalid = true;
      return;
    }
    r.counts.lines++;
    r.counts.wordTotal += countWords(p, n, r.counts.words);
    // No carry: countCorpus pre-tokenizes each record's text on its own, newlines inside it included.
    ends.clear();
    pretokenize(p, n, preset, scratch, ends);
    uint32_t prev = 0;
    for (uint32_t e : ends) {
      r.counts.pretokens.add(p + prev, e - prev, 1);
      prev = e;
    }
  }
}

}  // namespace

void CountStream::pushText(const uint8_t* data, size_t n) {
  if (cancelled() && text_.totals.status == CountStatus::Ok) text_.totals.status = CountStatus::Cancelled;
  countTextPiece(text_, data, n, opts_);
  if (text_.totals.status != CountStatus::Ok) release();
}

void CountStream::pushRecords(const uint8_t* data, const uint32_t* lens, size_t count) {
  CountResult& totals = text_.totals;
  if (totals.status != CountStatus::Ok) return;
  uint64_t bytes = 0;
  for (size_t i = 0; i < count; i++) bytes += lens[i];
  text_.bytes += bytes;
  uint64_t byShare = bytes / std::max<uint64_t>(1, opts_.minBytesPerThread);
  size_t threads = static_cast<size_t>(std::max<uint64_t>(1, std::min<uint64_t>({opts_.threads, byShare, count})));
  // Ranges of about equal bytes; the first counts straight into the totals (swapped in and out).
  std::vector<RecordRange> ranges(threads);
  {
    size_t i = 0, at = 0;
    uint64_t done = 0;
    for (size_t k = 0; k < threads; k++) {
      ranges[k].from = i;
      ranges[k].byteFrom = at;
      uint64_t goal = k + 1 == threads ? bytes : bytes * (k + 1) / threads;
      while (i < count && (done < goal || k + 1 == threads)) {
        done += lens[i];
        at += lens[i];
        i++;
      }
      ranges[k].to = i;
    }
  }
  std::swap(ranges[0].counts.pretokens, totals.pretokens);
  std::swap(ranges[0].counts.words, totals.words);
  {
    std::vector<std::thread> pool;
    for (size_t k = 1; k < threads; k++) pool.emplace_back([&, k] { countRange(data, lens, ranges[k], opts_.preset, cancel_); });
    countRange(data, lens, ranges[0], opts_.preset, cancel_);
    for (auto& t : pool) t.join();
  }
  std::swap(ranges[0].counts.pretokens, totals.pretokens);
  std::swap(ranges[0].counts.words, totals.words);
  for (size_t k = 0; k < threads; k++) {
    RecordRange& r = ranges[k];
    if (r.invalid) {
      release();
      totals.status = CountStatus::Refused;
      throw std::invalid_argument("a record is not well-formed UTF-8");
    }
    if (r.counts.status != CountStatus::Ok) {
      release();
      totals.status = r.counts.status;
      return;
    }
  }
  for (size_t k = 0; k < threads; k++) {
    RecordRange& r = ranges[k];
    if (k > 0) {
      totals.pretokens.addAll(r.counts.pretokens);
      totals.words.addAll(r.counts.words);
    }
    totals.lines += r.counts.lines;
    totals.wordTotal += r.counts.wordTotal;
  }
}

void CountStream::finish() {
  if (mode_ == StreamMode::Text) finishText(text_);
  // Records: an empty or blank file is refused by the reader before any batch, so nothing to check here.
}

CountResult CountStream::takeResult() {
  CountResult r = std::move(text_.totals);
  text_ = TextCountState();
  return r;
}

void CountStream::release() {
  text_.totals.pretokens = StringCounter();
  text_.totals.words = StringCounter();
  text_.carry = std::string();
}

}  // namespace tokstudio
