// Counting a corpus that JavaScript streams to the addon in batches: gzip text (decompressed by node:zlib,
// lines counted here as countTextFile counts a file) and JSONL records (parsed by the reference reader in
// main/core/corpus/read.ts, each record's text counted here). Both give what countCorpus gives.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "count.h"

namespace tokstudio {

enum class StreamMode { Text, Records };

/**
 * The running counts of one streamed corpus. Batches must come one at a time, in order (the JavaScript
 * side waits for each before sending the next, and prepares the next meanwhile); each batch is split
 * across `opts.threads` threads.
 */
class CountStream {
 public:
  CountStream(StreamMode mode, const CountOptions& opts) : mode_(mode), opts_(opts) { opts_.cancel = &cancel_; opts_.bytesDone = nullptr; }

  /** Text: bytes that end just after a '\n' unless they end the text. The counting stops (status not Ok)
   *  at a line the reader would refuse, or when cancelled. */
  void pushText(const uint8_t* data, size_t n);

  /** Records: the texts back to back (well-formed UTF-8), lens[i] bytes each; each text is pre-tokenized
   *  whole, as countCorpus pre-tokenizes a JSONL record. Throws std::invalid_argument on ill-formed UTF-8. */
  void pushRecords(const uint8_t* data, const uint32_t* lens, size_t count);

  /** After the last batch; the totals are then moved out with takeResult. */
  void finish();
  CountResult takeResult();

  CountStatus status() const { return text_.totals.status; }
  StreamMode mode() const { return mode_; }
  void cancel() { cancel_.store(true); }
  bool cancelled() const { return cancel_.load(); }
  /** Drops the tables (after a refusal or a cancel: nothing will be read from them). */
  void release();
  /** After an exception: the counts are incomplete, so the stream stops here. */
  void fail() {
    release();
    if (text_.totals.status == CountStatus::Ok) text_.totals.status = CountStatus::IoError;
  }

 private:
  StreamMode mode_;
  CountOptions opts_;
  std::atomic<bool> cancel_{false};
  TextCountState text_;  // Records use its totals only
};

}  // namespace tokstudio
