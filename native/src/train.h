// The BPE merge loop of main/core/bpe/trainer.ts (same merges, same order, same early stop and skip rule).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tokstudio {

struct TrainInput {
  /** Distinct pre-tokens as UTF-8, back to back, with their byte lengths and (positive, integer) counts. */
  std::vector<uint8_t> bytes;
  std::vector<uint32_t> lens;
  std::vector<double> counts;
  uint32_t mergeBudget = 0;
  int64_t minFrequency = 1;
  /** Byte strings that are tokens besides the symbols (special tokens written in the byte alphabet). */
  std::vector<std::string> extraTaken;
};

enum class StopReason { None = 0, NoPairs = 1, BelowMinimum = 2 };

struct TrainOutput {
  /** Merge i joins symbols (left[i], right[i]) into symbol 256 + i; symbols 0..255 are the bytes. */
  std::vector<uint32_t> left, right;
  StopReason stop = StopReason::None;
  int64_t stopCount = 0;  // the best pair's count when stopped below the minimum frequency
  uint64_t duplicatesSkipped = 0;
  bool cancelled = false;
};

/** Called every ceil(budget / 100) merges and at the last one. */
using TrainProgress = std::function<void(uint32_t done, uint32_t total, double mergesPerSecond)>;

/** Throws std::invalid_argument for malformed input; honours `stop` before every merge. */
TrainOutput trainBpe(const TrainInput& in, const std::atomic<bool>* stop, const TrainProgress& progress);

}  // namespace tokstudio
