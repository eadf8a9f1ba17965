// The units pass of hybrid training, step for step as corpusUnits.ts: sort the words, split each into units,
// classify and fold the case of word units (casing.ts: lower, capFirst, upper compared with the word), and add up
// types, residue and word units. A word whose folding needs a special mapping (several code points, or context
// dependent) is not counted here at all: it is listed, and the reference adds it.
#include "units.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "case_table.h"
#include "hashmap.h"
#include "unicode.h"

namespace tokstudio {

namespace {

int32_t rootMapping(uint32_t cp, int which) {
  if (cp >= 0x110000) return -1;
  const int32_t d = kCasePairs[kCaseStage2[(static_cast<uint32_t>(kCaseStage1[cp >> 8]) << 8) | (cp & 0xff)]][which];
  return d == kCaseSpecial ? -1 : static_cast<int32_t>(cp) + d;
}

}  // namespace

// casing.ts replaces I/İ (lower) and i/ı (upper) first for the dotted languages, then maps the rest with the
// root mapping; the replacements map to themselves under it, so this is per code point too.
int32_t caseLower(uint32_t cp, CaseMode mode) {
  if (mode == CaseMode::Dotted) {
    if (cp == 0x49) return 0x131;
    if (cp == 0x130) return 0x69;
  }
  return rootMapping(cp, 0);
}

int32_t caseUpper(uint32_t cp, CaseMode mode) {
  if (mode == CaseMode::Dotted) {
    if (cp == 0x69) return 0x130;
    if (cp == 0x131) return 0x49;
  }
  return rootMapping(cp, 1);
}

CaseClass classify(const char16_t* s, size_t n, CaseMode mode, std::u16string& lower, std::u16string& upper) {
  lower.clear();
  size_t codePoints = 0;
  for (size_t i = 0; i < n;) {
    int w;
    const int32_t m = caseLower(codePointAt(s, i, n, &w), mode);
    if (m < 0) return kFallback;
    appendUtf16(lower, static_cast<uint32_t>(m));
    i += w;
    codePoints++;
  }
  if (lower.size() == n && std::equal(s, s + n, lower.data())) return kLowerCase;
  // capFirst: the upper case of the first code point, then the rest of the folded word.
  int w;
  const int32_t first = caseUpper(codePointAt(lower.data(), 0, lower.size(), &w), mode);
  if (first < 0) return kFallback;
  upper.clear();
  appendUtf16(upper, static_cast<uint32_t>(first));
  upper.append(lower, w, std::u16string::npos);
  if (upper.size() == n && std::equal(s, s + n, upper.data())) return kCapitalised;
  if (codePoints < 2) return kMixed;
  upper.clear();
  for (size_t i = 0; i < lower.size();) {
    const int32_t m = caseUpper(codePointAt(lower.data(), i, lower.size(), &w), mode);
    if (m < 0) return kFallback;
    appendUtf16(upper, static_cast<uint32_t>(m));
    i += w;
  }
  if (upper.size() == n && std::equal(s, s + n, upper.data())) return kAllCaps;
  return kMixed;
}

namespace {

/** JavaScript's string order: code unit by code unit, a prefix first. */
inline bool lessUnits(const char16_t* a, size_t na, const char16_t* b, size_t nb) {
  const size_t n = std::min(na, nb);
  for (size_t i = 0; i < n; i++) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return na < nb;
}

/** The first eight code units as two numbers (a missing unit as 0): ordered as the strings are, up to ties. */
struct SortKey {
  uint64_t hi, lo;
  uint32_t index;
};

inline SortKey sortKey(const char16_t* s, size_t n, uint32_t index) {
  uint64_t k[2] = {0, 0};
  for (size_t i = 0; i < 8; i++) k[i / 4] = (k[i / 4] << 16) | (i < n ? s[i] : 0);
  return SortKey{k[0], k[1], index};
}

/** Indices 0..n-1 sorted by the strings at(i) (code-unit order; ties by index, so the order is total). */
template <class At>
std::vector<uint32_t> sortedOrder(size_t n, At at) {
  // Sorting by prefix keys held in the array keeps most comparisons away from the strings.
  std::vector<SortKey> keyed(n);
  for (size_t i = 0; i < n; i++) {
    auto [p, len] = at(i);
    keyed[i] = sortKey(p, len, static_cast<uint32_t>(i));
  }
  std::sort(keyed.begin(), keyed.end(), [&](const SortKey& x, const SortKey& y) {
    if (x.hi != y.hi) return x.hi < y.hi;
    if (x.lo != y.lo) return x.lo < y.lo;
    auto [px, nx] = at(x.index);
    auto [py, ny] = at(y.index);
    if (lessUnits(px, nx, py, ny)) return true;
    if (lessUnits(py, ny, px, nx)) return false;
    return x.index < y.index;
  });
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; i++) order[i] = keyed[i].index;
  return order;
}

/** UTF-16 string -> two counts; keys in one arena. Entries are never removed. */
class U16Table {
 public:
  struct Entry {
    uint64_t hash;
    size_t off;
    size_t len;
    uint64_t a, b;
  };

  /** Sized for about `expected` keys, so a corpus-sized table is not rehashed on the way. */
  explicit U16Table(size_t expected) {
    size_t n = 1024;
    while (n * 3 < expected * 4) n *= 2;
    rehash(n);
    entries_.reserve(expected);
  }

  Entry& at(const char16_t* p, size_t n) {
    const uint64_t h = hashBytes(reinterpret_cast<const uint8_t*>(p), n * sizeof(char16_t));
    // A slot holds the entry's index + 1 and the hash's top bits: most mismatches never touch the entry.
    const uint64_t tag = h & 0xffffffff00000000ULL;
    for (;;) {
      const size_t mask = slots_.size() - 1;
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        const uint64_t s = slots_[i];
        if (s == 0) {
          if ((entries_.size() + 1) * 4 > slots_.size() * 3) break;  // grow, then look again
          entries_.push_back(Entry{h, arena_.size(), n, 0, 0});
          arena_.append(p, n);
          slots_[i] = tag | entries_.size();
          return entries_.back();
        }
        if ((s & 0xffffffff00000000ULL) != tag) continue;
        Entry& e = entries_[(s & 0xffffffffULL) - 1];
        if (e.hash == h && e.len == n && std::equal(p, p + n, arena_.data() + e.off)) return e;
      }
      rehash(slots_.size() * 2);
    }
  }

  /** Keys in code-unit order, back to back, with their lengths; the counts through f(entry). */
  template <class F>
  void emitSorted(std::u16string& text, std::vector<uint32_t>& lens, F f) const {
    std::vector<uint32_t> order = sortedOrder(entries_.size(), [&](size_t i) {
      const Entry& e = entries_[i];
      return std::pair<const char16_t*, size_t>(arena_.data() + e.off, e.len);
    });
    text.clear();
    text.reserve(arena_.size());
    lens.resize(order.size());
    for (size_t k = 0; k < order.size(); k++) {
      const Entry& e = entries_[order[k]];
      text.append(arena_, e.off, e.len);
      lens[k] = static_cast<uint32_t>(e.len);
      f(e);
    }
  }

 private:
  void rehash(size_t n) {
    slots_.assign(n, 0);
    const size_t mask = n - 1;
    for (size_t k = 0; k < entries_.size(); k++) {
      size_t i = entries_[k].hash & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = (entries_[k].hash & 0xffffffff00000000ULL) | (k + 1);
    }
  }
  std::vector<uint64_t> slots_;  // 0 empty, else hash top bits | entry index + 1
  std::vector<Entry> entries_;
  std::u16string arena_;
};

/** One word's additions, held until the word is known not to need the reference. */
struct Pending {
  bool type;   // a folded type, else a residue string
  bool lead;   // the type opens the word
  size_t off;  // the key, in the word's scratch text
  size_t len;
};

}  // namespace

UnitsResult corpusUnits(const char16_t* text, const uint32_t* lens, const double* counts, size_t n, CaseMode mode) {
  UnitsResult out;
  std::vector<size_t> starts(n);
  size_t at = 0;
  for (size_t i = 0; i < n; i++) {
    starts[i] = at;
    at += lens[i];
  }
  // The sort runs beside the pass (which does not need the order: fallback positions are mapped at the end).
  std::exception_ptr sortError;
  std::thread sorter([&] {
    try {
      out.order = sortedOrder(n, [&](size_t i) { return std::pair<const char16_t*, size_t>(text + starts[i], lens[i]); });
    } catch (...) {
      sortError = std::current_exception();
    }
  });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{sorter};

  U16Table types(n), residue(1024);
  uint64_t wordUnits = 0;
  std::u16string scratch, lower, upper;
  std::vector<Pending> pending;
  std::vector<uint32_t> fallbackWords;  // input indices
  // The words in the order given (the sums do not depend on it): the text is read front to back.
  for (size_t k = 0; k < n; k++) {
    const char16_t* w = text + starts[k];
    const size_t len = lens[k];
    scratch.clear();
    pending.clear();
    uint64_t words = 0;
    bool fallback = false;
    const auto addResidue = [&](bool lead, size_t from, size_t to) {
      const size_t off = scratch.size();
      if (lead) scratch.push_back(u' ');
      scratch.append(w + from, to - from);
      pending.push_back(Pending{false, false, off, scratch.size() - off});
    };
    // Units are the maximal runs of one kind; j counts them (the first one opens the word).
    size_t j = 0;
    for (size_t i = 0; i < len && !fallback;) {
      const size_t start = i;
      int width;
      const UnitKind kind = unitKind(codePointAt(w, i, len, &width));
      i += width;
      while (i < len && unitKind(codePointAt(w, i, len, &width)) == kind) i += width;
      const bool lead = j++ == 0;
      if (kind == kUnitWord) {
        words++;
        const char16_t* s = w + start;
        const size_t sn = i - start;
        const CaseClass cls = mode == CaseMode::None ? kLowerCase : classify(s, sn, mode, lower, upper);
        if (cls == kFallback) {
          fallback = true;
        } else if (cls == kMixed || (cls != kLowerCase && lower.size() != sn)) {
          addResidue(lead, start, i);
        } else {
          const size_t off = scratch.size();
          if (cls == kLowerCase) scratch.append(s, sn);
          else scratch.append(lower);
          pending.push_back(Pending{true, lead, off, sn});
        }
      } else if (kind == kUnitNumber) {
        bool ascii = true;
        for (size_t q = start; q < i; q++) ascii = ascii && w[q] >= u'0' && w[q] <= u'9';
        if (!ascii) addResidue(lead, start, i);
      } else {
        addResidue(lead && kind == kUnitOther, start, i);
      }
    }
    if (fallback) {
      fallbackWords.push_back(static_cast<uint32_t>(k));
      continue;
    }
    const uint64_t count = static_cast<uint64_t>(counts[k]);
    wordUnits += words * count;
    for (const Pending& p : pending) {
      U16Table::Entry& e = (p.type ? types : residue).at(scratch.data() + p.off, p.len);
      if (p.type && !p.lead) e.b += count;
      else e.a += count;
    }
  }

  sorter.join();
  if (sortError) std::rethrow_exception(sortError);
  if (!fallbackWords.empty()) {
    std::vector<uint32_t> rank(n);
    for (size_t pos = 0; pos < n; pos++) rank[out.order[pos]] = static_cast<uint32_t>(pos);
    for (uint32_t k : fallbackWords) out.fallback.push_back(rank[k]);
    std::sort(out.fallback.begin(), out.fallback.end());
  }
  types.emitSorted(out.typeText, out.typeLens, [&](const U16Table::Entry& e) {
    out.typeLead.push_back(static_cast<double>(e.a));
    out.typeInner.push_back(static_cast<double>(e.b));
  });
  residue.emitSorted(out.residueText, out.residueLens, [&](const U16Table::Entry& e) { out.residueCounts.push_back(static_cast<double>(e.a)); });
  out.wordUnits = static_cast<double>(wordUnits);
  return out;
}

}  // namespace tokstudio
