// Small open-addressing hash tables for the hot loops: byte strings -> counts (corpus counting) and
// 64-bit keys -> 32-bit values (pair indexes, merge ranks). Entries are never removed.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace tokstudio {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t hashBytes(const uint8_t* p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0x100000001b3ULL);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ mix64(w)) * 0x9e3779b97f4a7c15ULL;
  }
  uint64_t w = 0;
  std::memcpy(&w, p + i, n - i);
  h = (h ^ mix64(w ^ (n - i))) * 0x9e3779b97f4a7c15ULL;
  return mix64(h);
}

/**
 * A string of Unit (bytes, UTF-16 units) -> summed Sum; keys live in one arena, addressed by offset, and are visited
 * in the order first added. Entries are never removed.
 */
template <class Unit, class Sum>
class SumTable {
 public:
  SumTable() { rehash(1024); }

  void add(const Unit* p, size_t n, Sum delta) { add(p, n, hashBytes(reinterpret_cast<const uint8_t*>(p), n * sizeof(Unit)), delta); }

  void add(const Unit* p, size_t n, uint64_t h, Sum delta) {
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint32_t s = slots_[i];
      if (s == 0) {
        if ((entries_.size() + 1) * 4 > slots_.size() * 3) {
          rehash(slots_.size() * 2);
          add(p, n, h, delta);
          return;
        }
        Entry e{h, arena_.size(), static_cast<uint32_t>(n), delta};
        arena_.insert(arena_.end(), p, p + n);
        entries_.push_back(e);
        slots_[i] = static_cast<uint32_t>(entries_.size());
        return;
      }
      Entry& e = entries_[s - 1];
      if (e.hash == h && e.len == n && std::equal(p, p + n, arena_.data() + e.off)) {
        e.sum += delta;
        return;
      }
    }
  }

  /** Every key of `other` with its sum, in other's order: merging parts in part order keeps the one-part order. */
  void addAll(const SumTable& other) {
    for (const Entry& e : other.entries_) add(other.arena_.data() + e.off, e.len, e.hash, e.sum);
  }

  size_t size() const { return entries_.size(); }
  /** The keys' total length in units. */
  size_t keyUnits() const { return arena_.size(); }
  template <class F>
  void forEach(F f) const {
    for (const Entry& e : entries_) f(arena_.data() + e.off, static_cast<size_t>(e.len), e.sum);
  }

 private:
  struct Entry {
    uint64_t hash;
    size_t off;
    uint32_t len;
    Sum sum;
  };
  void rehash(size_t n) {
    slots_.assign(n, 0);
    size_t mask = n - 1;
    for (size_t k = 0; k < entries_.size(); k++) {
      size_t i = entries_[k].hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = static_cast<uint32_t>(k + 1);
    }
  }
  std::vector<uint32_t> slots_;  // 0 empty, else entry index + 1
  std::vector<Entry> entries_;
  std::vector<Unit> arena_;
};

/** Byte string -> int64 count (corpus counting). */
using StringCounter = SumTable<uint8_t, int64_t>;

/** uint64 key -> uint32 value. */
class U64Map {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;
  U64Map() { rehash(1024); }

  uint32_t get(uint64_t key) const {
    size_t mask = keys_.size() - 1;
    for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
      if (vals_[i] == kMissing) return kMissing;
      if (keys_[i] == key) return vals_[i];
    }
  }

  /** Sets key to value unless present; returns the value stored. */
  uint32_t insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > keys_.size() * 3) rehash(keys_.size() * 2);
    size_t mask = keys_.size() - 1;
    for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
      if (vals_[i] == kMissing) {
        keys_[i] = key;
        vals_[i] = value;
        size_++;
        return value;
      }
      if (keys_[i] == key) return vals_[i];
    }
  }

  size_t size() const { return size_; }
  void reserve(size_t n) {
    size_t want = 1024;
    while (want * 3 < n * 4 + 4) want *= 2;
    if (want > keys_.size()) rehash(want);
  }

 private:
  void rehash(size_t n) {
    std::vector<uint64_t> oldKeys(n);
    std::vector<uint32_t> oldVals(n, kMissing);
    oldKeys.swap(keys_);
    oldVals.swap(vals_);
    size_t mask = n - 1;
    for (size_t k = 0; k < oldKeys.size(); k++) {
      if (oldVals[k] == kMissing) continue;
      size_t i = mix64(oldKeys[k]) & mask;
      while (vals_[i] != kMissing) i = (i + 1) & mask;
      keys_[i] = oldKeys[k];
      vals_[i] = oldVals[k];
    }
  }
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;
  size_t size_ = 0;
};

/** UTF-16 string -> dense index in insertion order; keys live in one arena. clear() drops everything. */
class U16Index {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;
  U16Index() { rehash(1024); }

  uint32_t find(const char16_t* p, size_t n) const { return find(p, n, hashOf(p, n)); }

  /** The key's index, adding it if absent; `added` says which. */
  uint32_t insert(const char16_t* p, size_t n, bool* added) {
    const uint64_t h = hashOf(p, n);
    const uint32_t got = find(p, n, h);
    *added = got == kMissing;
    if (!*added) return got;
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
    const uint32_t index = static_cast<uint32_t>(entries_.size());
    entries_.push_back(Entry{h, arena_.size(), n});
    arena_.append(p, n);
    place(h, index);
    return index;
  }

  size_t size() const { return entries_.size(); }
  const char16_t* key(uint32_t i) const { return arena_.data() + entries_[i].off; }
  size_t keyLength(uint32_t i) const { return entries_[i].len; }

  void clear() {
    entries_.clear();
    arena_.clear();
    slots_.assign(1024, 0);
  }

 private:
  struct Entry {
    uint64_t hash;
    size_t off, len;
  };

  static uint64_t hashOf(const char16_t* p, size_t n) { return hashBytes(reinterpret_cast<const uint8_t*>(p), n * sizeof(char16_t)); }

  uint32_t find(const char16_t* p, size_t n, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    const uint64_t tag = h & 0xffffffff00000000ULL;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint64_t s = slots_[i];
      if (s == 0) return kMissing;
      if ((s & 0xffffffff00000000ULL) != tag) continue;
      const uint32_t k = static_cast<uint32_t>(s & 0xffffffffULL) - 1;
      const Entry& e = entries_[k];
      if (e.len == n && std::memcmp(arena_.data() + e.off, p, n * sizeof(char16_t)) == 0) return k;
    }
  }

  void place(uint64_t h, uint32_t index) {
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (h & 0xffffffff00000000ULL) | (static_cast<uint64_t>(index) + 1);
  }

  void rehash(size_t n) {
    slots_.assign(n, 0);
    for (size_t k = 0; k < entries_.size(); k++) place(entries_[k].hash, static_cast<uint32_t>(k));
  }

  std::vector<uint64_t> slots_;  // 0 empty, else hash top bits | index + 1
  std::vector<Entry> entries_;
  std::u16string arena_;
};

}  // namespace tokstudio
