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

}  // namespace tokstudio
