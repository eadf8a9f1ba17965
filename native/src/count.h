// Streamed pre-tokenization and counting of a UTF-8 text corpus on several threads, giving exactly what
// countCorpus (main/core/corpus/count.ts) gives for format 'text' with the gpt2 or gpt4o preset.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "hashmap.h"
#include "pretok.h"

namespace tokstudio {

enum class CountStatus {
  Ok = 0,
  /** The TypeScript reader refuses the file (invalid UTF-8, NUL byte, overlong line, no text, empty):
   *  the caller re-runs the reference path to get its exact error message. */
  Refused = 1,
  IoError = 2,
  Cancelled = 3,
};

struct CountResult {
  CountStatus status = CountStatus::Ok;
  std::string message;
  StringCounter pretokens;
  StringCounter words;
  uint64_t lines = 0;
  uint64_t wordTotal = 0;
};

struct CountOptions {
  Preset preset = Preset::Gpt4o;
  unsigned threads = 2;
  uint64_t maxLineBytes = 64ull << 20;
  /** A file gets no more threads than size / this. */
  uint64_t minBytesPerThread = 8ull << 20;
  const std::atomic<bool>* cancel = nullptr;
  std::atomic<uint64_t>* bytesDone = nullptr;
};

CountResult countTextFile(const std::string& path, const CountOptions& opts);

/** The same over a buffer already in memory (tests and benchmarks). */
CountResult countTextBuffer(const uint8_t* data, size_t n, const CountOptions& opts);

/**
 * A text counted piece by piece as it arrives (gzip input, decompressed on the JavaScript side): the held-back
 * carry and the totals live on between pieces, so the pieces give exactly what the whole text gives at once.
 */
struct TextCountState {
  CountResult totals;  // status and message say why counting stopped, when it did
  std::string carry;
  bool started = false;  // a BOM is dropped only at the very start
  bool sawContent = false;
  uint64_t bytes = 0;
};

/** Counts the next piece, which must end just after a '\n' unless it ends the text; split across threads
 *  as countTextFile splits a file. Does nothing once totals.status is not Ok. */
void countTextPiece(TextCountState& st, const uint8_t* data, size_t n, const CountOptions& opts);

/** After the last piece: counts the held-back piece; an empty or whitespace-only text is Refused. */
void finishText(TextCountState& st);

/** Adds the words of well-formed UTF-8 p[0, n) (runs of code points outside JavaScript's \s) to `words`;
 *  returns how many there were. */
uint64_t countWords(const uint8_t* p, size_t n, StringCounter& words);

}  // namespace tokstudio
