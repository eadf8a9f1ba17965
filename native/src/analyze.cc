// See analyze.h. The structure follows Analyzer.best in main/core/hybrid/analyzer.ts step for step; where the
// two must agree to the bit (candidate order, score sums, rounding, tie order) the comment names the reason.
#include "analyze.h"

#include <algorithm>
#include <cmath>
#include <thread>
#if defined(_MSC_VER)
#include <intrin.h>
#endif

namespace tokstudio {
namespace {

constexpr double kResidueSpan = -12;
constexpr double kResidueChar = -4;
constexpr double kDisharmony = -6;
constexpr int32_t kPre = 0;
constexpr int32_t kPost = 1;
constexpr int32_t kAny = 1;  // the '*' state
constexpr double kUnknownFit = 1;  // fit() gives 0 or DISHARMONY; this marks "not computed yet"

/** Math.round: the nearest integer, halves toward +infinity (not std::round, which rounds halves away from 0). */
double jsRound(double x) {
  // floor(x) by truncation where x fits an int64 (exact there, and much cheaper than the library's floor on a
  // plain x86-64 build, which has no rounding instruction), else the library's. (-0 comes out +0, which every
  // comparison of q treats alike.)
  double r;
  if (std::fabs(x) < 9.2e18) {
    r = static_cast<double>(static_cast<int64_t>(x));
    if (r > x) r -= 1;
  } else {
    r = std::floor(x);
  }
  return (x - r >= 0.5) ? r + 1 : r;
}

bool isHigh(char16_t c) { return c >= 0xd800 && c <= 0xdbff; }
bool isLow(char16_t c) { return c >= 0xdc00 && c <= 0xdfff; }

bool inRef(uint64_t mask, const ClassRefMask& r) { return (mask & r.need) == r.need && (mask & r.forbid) == 0; }

/** The index of the lowest set bit of x (not 0). */
int lowestBit(uint64_t x) {
#if defined(_MSC_VER)
  unsigned long i;
  _BitScanForward64(&i, x);
  return static_cast<int>(i);
#else
  return __builtin_ctzll(x);
#endif
}

// Rule tables larger than this many words (8 MiB) are not built; predict() then tests the rules one by one.
constexpr size_t kMaxRuleWords = size_t{1} << 20;

/** UTF-16 key -> summed weight, in the order first added (the residue pass hands them to JavaScript in that order). */
using KeyedSums = SumTable<char16_t, double>;

// An affix observation's key: these header units, then the surface.
constexpr size_t kAffixHeader = 6;  // group low / high 16 bits, which of the next three are present, vowel, last unit 1, 2

}  // namespace

/**
 * One word's lattice search: the per-word state, so threads can search at once with one of these each. Every
 * buffer lives as long as the search and is only overwritten per word, so a word costs no allocation once the
 * buffers have grown.
 */
class Analyzer::Search {
 public:
  /** A best() result: the completions pool_[from, from + len), best first. */
  struct List {
    int32_t from, len;
  };
  struct CNode {
    int32_t kind, start, end, ref, label, state, next, residue, morphs;
    double logp, q;
  };

  explicit Search(const Analyzer& a);
  /** Appends a node, written field by field (a node built aside and copied in whole stalls on store forwarding). */
  int32_t add(int32_t kind, int32_t start, int32_t end, int32_t ref, int32_t label, int32_t state, int32_t next, int32_t residue, int32_t morphs,
              double logp, double q) {
    CNode& c = arena_.emplace_back();
    c.kind = kind;
    c.start = start;
    c.end = end;
    c.ref = ref;
    c.label = label;
    c.state = state;
    c.next = next;
    c.residue = residue;
    c.morphs = morphs;
    c.logp = logp;
    c.q = q;
    return static_cast<int32_t>(arena_.size()) - 1;
  }
  /** The k best analyses of w[0, n), best first: chains of node() from at(top, i) to a kEnd node. */
  List run(const char16_t* w, int32_t n, int32_t k);
  const CNode& node(int32_t i) const { return arena_[i]; }
  int32_t at(List l, int32_t i) const { return pool_[l.from + i]; }

 private:
  // Dictionary matches starting at a position, in trie walk order (by end, then entry insertion order), as the
  // reference's walk reports them. Collected on first use per word: positions the search never visits cost
  // nothing. list[from[p], to[p]) once from[p] >= 0.
  struct Match {
    int32_t end, entry;
    double fit;  // affixes: 0 or DISHARMONY, kUnknownFit until needed
  };
  struct MatchSet {
    const Trie* trie;
    double fit0;  // kUnknownFit for affixes, 0 for roots
    std::vector<Match> list;
    std::vector<int32_t> from, to;
  };
  // The memo: per (p, stage, unk) slot a chain of (state -> list) entries, most recent first.
  struct MemoEntry {
    int32_t state, next;
    List list;
  };

  List best(int32_t p, int32_t stage, int32_t state, bool unk, int32_t depth);
  int compare(int32_t a, int32_t b) const;
  void offer(std::vector<int32_t>& kept, int32_t node);
  List finish(int32_t state);
  void extend(std::vector<int32_t>& kept, int32_t kind, int32_t start, int32_t end, int32_t ref, int32_t label, int32_t state, double lp, List rest);
  int32_t predict(int32_t group, int32_t start, int32_t end) const;
  double fit(int32_t affix, int32_t start, int32_t end) const;
  /** The matches of `set` starting at p: [first, second) in set.list. */
  std::pair<int32_t, int32_t> matchesAt(MatchSet& set, int32_t p);
  static size_t slotOf(int32_t p, int32_t stage, bool unk) { return (static_cast<size_t>(p) * 2 + stage) * 2 + (unk ? 1 : 0); }

  const Analyzer& a_;
  const AnalyzerSpec& spec_;
  const char16_t* w_ = nullptr;
  int32_t n_ = 0, k_ = 1;
  std::vector<CNode> arena_;
  std::vector<int32_t> pool_;
  std::vector<int32_t> memoHead_;  // per slotOf(); -1: none
  std::vector<MemoEntry> memo_;
  std::vector<std::vector<int32_t>> scratch_;  // candidates per recursion depth, reused
  MatchSet prefixes_, roots_, suffixes_;
  // Per position p (0..n), the rule contexts (0: none, else 1 + the mask id): of the last context vowel of
  // w[0, p), of the last code point of w[0, p), of the first code point of w[p, n).
  std::vector<int32_t> lvCtx_, lcCtx_, ncCtx_;
};

void Analyzer::Trie::add(const std::u16string& s, int32_t entry) {
  int32_t n = 0;
  for (char16_t c : s) {
    int32_t m = buildChild(n, c);
    if (m < 0) {
      m = static_cast<int32_t>(nodes.size());
      nodes.emplace_back();
      auto& kids = nodes[n].kids;
      kids.insert(std::lower_bound(kids.begin(), kids.end(), std::make_pair(c, int32_t{-1})), {c, m});
    }
    n = m;
  }
  nodes[n].entries.push_back(entry);
}

int32_t Analyzer::Trie::buildChild(int32_t node, char16_t c) const {
  const auto& kids = nodes[node].kids;
  auto it = std::lower_bound(kids.begin(), kids.end(), std::make_pair(c, int32_t{-1}));
  return it != kids.end() && it->first == c ? it->second : -1;
}

void Analyzer::Trie::freeze() {
  size_t count = 0;
  for (const Node& nd : nodes) count += nd.kids.size();
  size_t cap = 16;
  while (cap < count * 2) cap <<= 1;
  mask = cap - 1;
  edges.assign(cap, Edge{UINT64_MAX, -1});
  entryAt.assign(nodes.size() + 1, 0);
  entryList.clear();
  for (size_t i = 0; i < nodes.size(); i++) {
    for (const auto& [c, m] : nodes[i].kids) {
      const uint64_t key = (static_cast<uint64_t>(i) << 16) | c;
      uint64_t h = ((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;  // as child() probes
      while (edges[h].key != UINT64_MAX) h = (h + 1) & mask;
      edges[h] = Edge{key, m};
    }
    entryAt[i] = static_cast<int32_t>(entryList.size());
    entryList.insert(entryList.end(), nodes[i].entries.begin(), nodes[i].entries.end());
  }
  entryAt[nodes.size()] = static_cast<int32_t>(entryList.size());
  std::vector<Node>().swap(nodes);
}

Analyzer::Analyzer(AnalyzerSpec spec) : spec_(std::move(spec)), isVowelUnit_(0x10000, 0), isContextVowel_(0x10000, 0), bmpMaskId_(0x10000, 0) {
  for (size_t i = 0; i < spec_.rootSurface.size(); i++) roots_.add(spec_.rootSurface[i], static_cast<int32_t>(i));
  for (size_t i = 0; i < spec_.affixSurface.size(); i++) (spec_.affixIsPrefix[i] ? prefixes_ : suffixes_).add(spec_.affixSurface[i], static_cast<int32_t>(i));
  roots_.freeze();
  prefixes_.freeze();
  suffixes_.freeze();
  for (uint16_t u : spec_.vowelUnits) isVowelUnit_[u] = 1;
  for (uint16_t u : spec_.contextVowels) isContextVowel_[u] = 1;
  masks_.push_back(0);
  std::unordered_map<uint64_t, int32_t> ids{{0, 0}};
  for (const auto& [cp, m] : spec_.classMask) {
    auto [it, added] = ids.emplace(m, static_cast<int32_t>(masks_.size()));
    if (added) masks_.push_back(m);
    if (cp < 0x10000) bmpMaskId_[cp] = it->second;
    else astralMaskId_[cp] = it->second;
  }
  // predictVariant's tables: which rules' parts hold in each context (see predict()).
  const size_t contexts = masks_.size() + 1;
  size_t words = 0;
  ruleAt_.assign(static_cast<size_t>(spec_.groups), 0);
  for (int32_t g = 0; g < spec_.groups; g++) {
    ruleAt_[g] = words;
    words += 3 * contexts * ruleWords(g);
  }
  ruleTables_ = words <= kMaxRuleWords;
  if (ruleTables_) {
    ruleBits_.assign(words, 0);
    for (int32_t g = 0; g < spec_.groups; g++) {
      const size_t W = ruleWords(g);
      uint64_t* lastVowel = ruleBits_.data() + ruleAt_[g];
      uint64_t* lastChar = lastVowel + contexts * W;
      uint64_t* next = lastChar + contexts * W;
      const auto& rules = spec_.groupRules[g];
      for (size_t r = 0; r < rules.size(); r++) {
        const AllomorphRuleSpec& rule = rules[r];
        const uint64_t bit = uint64_t{1} << (r % 64);
        for (size_t c = 0; c < contexts; c++) {
          // Context 0: no vowel before / the word start / the word end; else the mask of id c - 1.
          const uint64_t m = c == 0 ? 0 : masks_[c - 1];
          const size_t at = c * W + r / 64;
          if (!rule.lastVowel.present || (c > 0 && inRef(m, rule.lastVowel))) lastVowel[at] |= bit;
          if (!rule.lastChar.present || (c > 0 && inRef(m, rule.lastChar))) lastChar[at] |= bit;
          const bool end = c == 0;
          if ((rule.nextIsEnd < 0 || (rule.nextIsEnd == 1) == end) && (!rule.next.present || (!end && inRef(m, rule.next)))) next[at] |= bit;
        }
      }
    }
  }
  // Compounds: where no edge leads from a state to any root's pos, the search need not look for roots there.
  const size_t S = static_cast<size_t>(spec_.states);
  compoundAfter_.assign(S, 0);
  if (spec_.hasEdges) {
    std::vector<uint8_t> isPos(S, 0);
    for (int32_t pos : spec_.rootPos) isPos[static_cast<size_t>(pos)] = 1;
    std::vector<size_t> poses;
    for (size_t t = 0; t < S; t++)
      if (isPos[t]) poses.push_back(t);
    for (size_t s = 0; s < S; s++)
      for (size_t t : poses) compoundAfter_[s] |= spec_.edge[s * S + t];
  }
  search_ = new Search(*this);
}

Analyzer::~Analyzer() { delete search_; }

void Analyzer::analyze(const char16_t* w, int32_t n, int32_t k, std::vector<AnalysisOut>& out) {
  const Search::List top = search_->run(w, n, k);
  for (int32_t i = 0; i < top.len; i++) {
    int32_t c = search_->at(top, i);
    AnalysisOut a{search_->node(c).residue, search_->node(c).logp, {}, 0};
    for (; search_->node(c).kind != kEnd; c = search_->node(c).next) {
      const Search::CNode& m = search_->node(c);
      a.morphs.insert(a.morphs.end(), {m.kind, m.start, m.end, m.ref, m.state});
    }
    a.endState = search_->node(c).state;
    out.push_back(std::move(a));
  }
}

void Analyzer::countBest(const char16_t* text, const uint32_t* lens, const double* weights, size_t words, unsigned threads, std::vector<double>& roots,
                         std::vector<double>& groups, std::unordered_map<uint64_t, double>& pairs, std::vector<double>& totals) const {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 2048)));
  const size_t G = static_cast<size_t>(spec_.groups);
  // The first part adds straight into the output, the others into their own tables, added after.
  struct Acc {
    std::vector<double> roots, groups, totals;
    std::unordered_map<uint64_t, double> pairs;
  };
  std::vector<Acc> own(t - 1);
  auto run = [&](unsigned part) {
    Search search(*this);
    double *accRoots = roots.data(), *accGroups = groups.data(), *accTotals = totals.data();
    std::unordered_map<uint64_t, double>* accPairs = &pairs;
    if (part > 0) {
      Acc& a = own[part - 1];
      a.roots.assign(roots.size(), 0);
      a.groups.assign(groups.size(), 0);
      a.totals.assign(totals.size(), 0);
      accRoots = a.roots.data();
      accGroups = a.groups.data();
      accPairs = &a.pairs;
      accTotals = a.totals.data();
    }
    const size_t from = words * part / t, to = words * (part + 1) / t;
    for (size_t i = from; i < to; i++) {
      const Search::List top = search.run(text + offset[i], static_cast<int32_t>(lens[i]), 1);
      if (top.len == 0) continue;
      const double n = weights[i];
      // The best analysis's chain of morphs, read in place.
      int32_t last = -1, c = search.at(top, 0);
      for (; search.node(c).kind != kEnd; c = search.node(c).next) last = c;
      if (last >= 0 && search.node(last).kind != kResidue) accTotals[search.node(c).state] += n;
      for (c = search.at(top, 0); search.node(c).kind != kEnd; c = search.node(c).next) {
        const Search::CNode& m = search.node(c);
        accTotals[m.state] += n;
        if (m.kind == kPrefix || m.kind == kSuffix) {
          const int32_t g = spec_.affixGroup[m.ref];
          (*accPairs)[static_cast<uint64_t>(m.state) * G + static_cast<uint64_t>(g)] += n;
          accGroups[g] += n;
        } else if (m.kind == kRoot) {
          accRoots[spec_.rootCitation[m.ref]] += n;
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  // Counts are whole numbers, so these sums are exact whatever the order.
  for (const Acc& a : own) {
    for (size_t i = 0; i < roots.size(); i++) roots[i] += a.roots[i];
    for (size_t i = 0; i < groups.size(); i++) groups[i] += a.groups[i];
    for (const auto& [key, n] : a.pairs) pairs[key] += n;
    for (size_t i = 0; i < totals.size(); i++) totals[i] += a.totals[i];
  }
}

void Analyzer::residuePass(const char16_t* text, const uint32_t* lens, const double* lead, const double* inner, size_t words, unsigned threads,
                           ResiduePassOut& out) {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 2048)));
  struct Acc {
    double coveredWeight = 0, coveredTypes = 0;
    KeyedSums affixes, residue;
    std::vector<int32_t> memo;  // the words' analyzeMany records, in word order
    std::vector<double> memoLogp;
  };
  std::vector<Acc> acc(t);
  const bool remember = memoIndex_.size() + words <= kMemoLimit;
  auto run = [&](unsigned part) {
    Search search(*this);
    Acc& a = acc[part];
    std::u16string key;
    const size_t from = words * part / t, to = words * (part + 1) / t;
    for (size_t i = from; i < to; i++) {
      const char16_t* w = text + offset[i];
      const Search::List top = search.run(w, static_cast<int32_t>(lens[i]), 1);
      if (remember) {
        a.memo.push_back(top.len > 0 ? 1 : 0);
        if (top.len > 0) packAnalysis(search, search.at(top, 0), a.memo, a.memoLogp);
      }
      if (top.len == 0) continue;
      const double weight = lead[i] + inner[i];
      const int32_t first = search.at(top, 0);
      if (search.node(first).residue == 0) {
        a.coveredWeight += weight;
        a.coveredTypes += 1;
      }
      for (int32_t c = first; search.node(c).kind != kEnd; c = search.node(c).next) {
        const Search::CNode& m = search.node(c);
        if (m.kind == kPrefix || m.kind == kSuffix) {
          // The context as tableKeys (allomorph.ts) reads w[0, start): lastVowel scans code units for a one-unit
          // vowel; lastCodePoint takes two units when the last is a low surrogate with anything before it.
          int32_t vowel = -1;
          for (int32_t j = m.start - 1; j >= 0; j--)
            if (isContextVowel_[w[j]]) {
              vowel = w[j];
              break;
            }
          int32_t last1 = -1, last2 = -1;
          if (m.start >= 2 && isLow(w[m.start - 1])) {
            last1 = w[m.start - 2];
            last2 = w[m.start - 1];
          } else if (m.start >= 1) {
            last1 = w[m.start - 1];
          }
          const uint32_t g = static_cast<uint32_t>(spec_.affixGroup[m.ref]);
          key.assign({static_cast<char16_t>(g & 0xffff), static_cast<char16_t>(g >> 16),
                      static_cast<char16_t>((vowel >= 0 ? 1 : 0) | (last1 >= 0 ? 2 : 0) | (last2 >= 0 ? 4 : 0)), static_cast<char16_t>(vowel >= 0 ? vowel : 0),
                      static_cast<char16_t>(last1 >= 0 ? last1 : 0), static_cast<char16_t>(last2 >= 0 ? last2 : 0)});
          key.append(w + m.start, static_cast<size_t>(m.end - m.start));
          a.affixes.add(key.data(), key.size(), weight);
        } else if (m.kind == kResidue) {
          const char16_t* s = w + m.start;
          const size_t len = static_cast<size_t>(m.end - m.start);
          if (m.start == 0) {
            // Running text presents a word-opening span after one space.
            if (lead[i] > 0) {
              key.assign(1, u' ');
              key.append(s, len);
              a.residue.add(key.data(), key.size(), lead[i]);
            }
            if (inner[i] > 0) a.residue.add(s, len, inner[i]);
          } else {
            a.residue.add(s, len, weight);
          }
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  // Parts merged in order, so each key sits where one thread would have first seen it; counts are whole
  // numbers, so the sums are exact whatever the order.
  for (unsigned part = 1; part < t; part++) {
    acc[0].coveredWeight += acc[part].coveredWeight;
    acc[0].coveredTypes += acc[part].coveredTypes;
    acc[0].affixes.addAll(acc[part].affixes);
    acc[0].residue.addAll(acc[part].residue);
  }
  if (remember) {
    // Each part's records in word order; the word's record and score go to the memo (the first one if repeated).
    for (unsigned part = 0; part < t; part++) {
      const Acc& a = acc[part];
      size_t at = 0, lp = 0;
      for (size_t i = words * part / t; i < words * (part + 1) / t; i++) {
        const bool some = a.memo[at] != 0;
        const size_t len = some ? 4 + 5 * static_cast<size_t>(a.memo[at + 2]) : 1;
        bool added;
        memoIndex_.insert(text + offset[i], lens[i], &added);
        if (added) {
          memoAt_.push_back(memoData_.size());
          memoData_.insert(memoData_.end(), a.memo.begin() + static_cast<std::ptrdiff_t>(at), a.memo.begin() + static_cast<std::ptrdiff_t>(at + len));
          memoLogp_.push_back(some ? a.memoLogp[lp] : 0);
        }
        lp += some ? 1 : 0;
        at += len;
      }
    }
  }
  out.coveredWeight = acc[0].coveredWeight;
  out.coveredTypes = acc[0].coveredTypes;
  acc[0].affixes.forEach([&](const char16_t* k, size_t n, double sum) {
    const int32_t flags = k[2];
    out.affixKeys.insert(out.affixKeys.end(), {static_cast<int32_t>(static_cast<uint32_t>(k[0]) | (static_cast<uint32_t>(k[1]) << 16)),
                                               (flags & 1) ? static_cast<int32_t>(k[3]) : -1, (flags & 2) ? static_cast<int32_t>(k[4]) : -1,
                                               (flags & 4) ? static_cast<int32_t>(k[5]) : -1});
    out.affixText.append(k + kAffixHeader, n - kAffixHeader);
    out.affixLens.push_back(static_cast<uint32_t>(n - kAffixHeader));
    out.affixWeights.push_back(sum);
  });
  acc[0].residue.forEach([&](const char16_t* k, size_t n, double sum) {
    out.residueText.append(k, n);
    out.residueLens.push_back(static_cast<uint32_t>(n));
    out.residueWeights.push_back(sum);
  });
}

void Analyzer::analyzeMany(const char16_t* text, const uint32_t* lens, size_t words, int32_t k, unsigned threads, std::vector<int32_t>& data,
                           std::vector<double>& logp) const {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  // Below a few thousand words a thread costs more than it saves.
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 2048)));
  // The first part writes straight into the output; the others into their own buffers, appended after.
  std::vector<std::vector<int32_t>> datas(t);
  std::vector<std::vector<double>> logps(t);
  auto run = [&](unsigned part) {
    Search search(*this);
    std::vector<int32_t>& d = part == 0 ? data : datas[part];
    std::vector<double>& l = part == 0 ? logp : logps[part];
    const size_t from = words * part / t, to = words * (part + 1) / t;
    for (size_t i = from; i < to; i++) {
      if (k == 1 && memoIndex_.size() > 0) {
        const uint32_t hit = memoIndex_.find(text + offset[i], lens[i]);
        if (hit != U16Index::kMissing) {
          const int32_t* r = memoData_.data() + memoAt_[hit];
          d.insert(d.end(), r, r + (r[0] != 0 ? 4 + 5 * static_cast<size_t>(r[2]) : 1));
          if (r[0] != 0) l.push_back(memoLogp_[hit]);
          continue;
        }
      }
      const Search::List top = search.run(text + offset[i], static_cast<int32_t>(lens[i]), k);
      // Per word its number of analyses; per analysis residue, morph count, 5 ints per morph, end state.
      d.push_back(top.len);
      for (int32_t j = 0; j < top.len; j++) packAnalysis(search, search.at(top, j), d, l);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  for (unsigned part = 1; part < t; part++) {
    data.insert(data.end(), datas[part].begin(), datas[part].end());
    logp.insert(logp.end(), logps[part].begin(), logps[part].end());
  }
}

void Analyzer::setScores(std::vector<double> rootLp, AffixScores affix) {
  spec_.rootLp = std::move(rootLp);
  spec_.affix = std::move(affix);
  // The remembered analyses were the best under the old scores.
  memoIndex_.clear();
  memoAt_ = {};
  memoData_ = {};
  memoLogp_ = {};
}

void Analyzer::packAnalysis(const Search& search, int32_t c, std::vector<int32_t>& d, std::vector<double>& l) {
  d.push_back(search.node(c).residue);
  d.push_back(search.node(c).morphs);
  l.push_back(search.node(c).logp);
  for (; search.node(c).kind != kEnd; c = search.node(c).next) {
    const Search::CNode& m = search.node(c);
    d.insert(d.end(), {m.kind, m.start, m.end, m.ref, m.state});
  }
  d.push_back(search.node(c).state);
}

Analyzer::Search::Search(const Analyzer& a) : a_(a), spec_(a.spec_) {
  const size_t positions = static_cast<size_t>(kMaxWord) + 1;
  memoHead_.assign(positions * 4, -1);
  scratch_.resize(positions + 1);
  prefixes_.trie = &a.prefixes_;
  roots_.trie = &a.roots_;
  suffixes_.trie = &a.suffixes_;
  prefixes_.fit0 = suffixes_.fit0 = kUnknownFit;
  roots_.fit0 = 0;
  for (MatchSet* m : {&prefixes_, &roots_, &suffixes_}) {
    m->from.assign(positions, -1);
    m->to.assign(positions, -1);
  }
  lvCtx_.assign(positions, 0);
  lcCtx_.assign(positions, 0);
  ncCtx_.assign(positions, 0);
}

/**
 * predictVariant (context.ts): the one distinct variant whose rule holds, else -1. Rules in order; a rule for
 * the variant already found is passed over, one for another variant makes the answer -1.
 */
int32_t Analyzer::Search::predict(int32_t group, int32_t start, int32_t end) const {
  const auto& rules = spec_.groupRules[group];
  int32_t found = -1;
  if (a_.ruleTables_) {
    // The rules that hold: those whose three parts hold, one table lookup each.
    const size_t W = a_.ruleWords(group), contexts = a_.masks_.size() + 1;
    const uint64_t* table = a_.ruleBits_.data() + a_.ruleAt_[group];
    const uint64_t* lastVowel = table + static_cast<size_t>(lvCtx_[start]) * W;
    const uint64_t* lastChar = table + (contexts + static_cast<size_t>(lcCtx_[start])) * W;
    const uint64_t* next = table + (2 * contexts + static_cast<size_t>(ncCtx_[end])) * W;
    for (size_t i = 0; i < W; i++) {
      for (uint64_t holds = lastVowel[i] & lastChar[i] & next[i]; holds != 0; holds &= holds - 1) {
        const int32_t v = rules[i * 64 + static_cast<size_t>(lowestBit(holds))].variant;
        if (v == found) continue;
        if (found != -1) return -1;
        found = v;
      }
    }
    return found;
  }
  const int32_t lv = lvCtx_[start], lc = lcCtx_[start], nc = ncCtx_[end];
  for (const AllomorphRuleSpec& r : rules) {
    if (r.variant == found) continue;
    if (r.lastVowel.present && (lv == 0 || !inRef(a_.masks_[lv - 1], r.lastVowel))) continue;
    if (r.lastChar.present && (lc == 0 || !inRef(a_.masks_[lc - 1], r.lastChar))) continue;
    if (r.nextIsEnd >= 0 && (r.nextIsEnd == 1) != (nc == 0)) continue;
    if (r.next.present && (nc == 0 || !inRef(a_.masks_[nc - 1], r.next))) continue;
    if (found != -1) return -1;
    found = r.variant;
  }
  return found;
}

double Analyzer::Search::fit(int32_t affix, int32_t start, int32_t end) const {
  int32_t g = spec_.affixGroup[affix];
  if (spec_.groupRules[g].empty()) return 0;
  int32_t v = predict(g, start, end);
  return v == -1 || v == spec_.affixVariant[affix] ? 0 : kDisharmony;
}

int Analyzer::Search::compare(int32_t a, int32_t b) const {
  const CNode& x = arena_[a];
  const CNode& y = arena_[b];
  if (x.residue != y.residue) return x.residue < y.residue ? -1 : 1;
  if (x.q != y.q) {
    double d = y.q - x.q;
    return d > 0 ? 1 : d < 0 ? -1 : 0;
  }
  if (x.morphs != y.morphs) return x.morphs < y.morphs ? -1 : 1;
  // Chains of equal length, walked in step; once both reach the same node the rest is one and the same chain.
  for (int32_t i = a, j = b; i != j && arena_[i].kind != kEnd; i = arena_[i].next, j = arena_[j].next) {
    if (arena_[i].end != arena_[j].end) return arena_[i].end > arena_[j].end ? -1 : 1;
  }
  for (int32_t i = a, j = b; i != j && arena_[i].kind != kEnd; i = arena_[i].next, j = arena_[j].next) {
    if (arena_[i].label != arena_[j].label) return arena_[i].label < arena_[j].label ? -1 : 1;
  }
  return 0;
}

// The reference sorts all candidates stably and keeps k; inserting each after every candidate that is not
// worse, and dropping what falls past k, keeps the same k in the same order.
void Analyzer::Search::offer(std::vector<int32_t>& kept, int32_t node) {
  size_t pos = kept.size();
  while (pos > 0 && compare(node, kept[pos - 1]) < 0) pos--;
  if (pos >= static_cast<size_t>(k_)) {
    if (node == static_cast<int32_t>(arena_.size()) - 1) arena_.pop_back();
    return;
  }
  kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(pos), node);
  if (kept.size() > static_cast<size_t>(k_)) kept.pop_back();
}

// The end of the word in `state`: one node per state and word, kept in the memo slot of position n (which
// best() itself never uses: it is called before the end only).
Analyzer::Search::List Analyzer::Search::finish(int32_t state) {
  const size_t slot = slotOf(n_, kPost, false);
  for (int32_t e = memoHead_[slot]; e >= 0; e = memo_[e].next)
    if (memo_[e].state == state) return memo_[e].list;
  pool_.push_back(add(kEnd, n_, n_, -1, 0, state, -1, 0, 0, 0.0, 0.0));
  const List out{static_cast<int32_t>(pool_.size()) - 1, 1};
  memo_.push_back(MemoEntry{state, memoHead_[slot], out});
  memoHead_[slot] = static_cast<int32_t>(memo_.size()) - 1;
  return out;
}

void Analyzer::Search::extend(std::vector<int32_t>& kept, int32_t kind, int32_t start, int32_t end, int32_t ref, int32_t label, int32_t state, double lp,
                              List rest) {
  const int32_t res = kind == kResidue ? end - start : 0;
  for (int32_t i = 0; i < rest.len; i++) {
    const int32_t c = pool_[rest.from + i];
    const int32_t residue = res + arena_[c].residue;
    const double logp = lp + arena_[c].logp;  // the morph's score plus the rest's, in this order, as the reference adds
    const double q = jsRound(logp * 1e6);
    const int32_t morphs = 1 + arena_[c].morphs;
    if (kept.size() == static_cast<size_t>(k_)) {
      // Worse than the k-th on the first three keys: it would fall past k, so skip building it.
      const CNode& last = arena_[kept.back()];
      if (residue != last.residue ? residue > last.residue : q != last.q ? q < last.q : morphs > last.morphs) continue;
    }
    offer(kept, add(kind, start, end, ref, label, state, c, residue, morphs, logp, q));
  }
}

std::pair<int32_t, int32_t> Analyzer::Search::matchesAt(MatchSet& set, int32_t p) {
  if (set.from[p] < 0) {
    const Trie& trie = *set.trie;
    set.from[p] = static_cast<int32_t>(set.list.size());
    for (int32_t i = p, node = 0; i < n_; i++) {
      node = trie.child(node, w_[i]);
      if (node < 0) break;
      for (int32_t e = trie.entryAt[node]; e < trie.entryAt[node + 1]; e++) {
        // Field by field: a Match built aside and copied in whole stalls on store forwarding.
        Match& m = set.list.emplace_back();
        m.end = i + 1;
        m.entry = trie.entryList[e];
        m.fit = set.fit0;
      }
    }
    set.to[p] = static_cast<int32_t>(set.list.size());
  }
  return {set.from[p], set.to[p]};
}

Analyzer::Search::List Analyzer::Search::best(int32_t p, int32_t stage, int32_t state, bool unk, int32_t depth) {
  const size_t slot = slotOf(p, stage, unk);
  for (int32_t e = memoHead_[slot]; e >= 0; e = memo_[e].next)
    if (memo_[e].state == state) return memo_[e].list;
  std::vector<int32_t>& kept = scratch_[depth];
  kept.clear();
  const int32_t n = n_;
  const int32_t S = spec_.states;
  const int32_t G = spec_.groups;
  const List none{0, 0};
  // Once k completions are kept, one with more residue than the k-th can never enter: the first key decides.
  auto full = [&](int32_t residueAtLeast) { return kept.size() == static_cast<size_t>(k_) && residueAtLeast > arena_[kept.back()].residue; };
  // Roots starting at p whose pos the table admits after `state` (allowed: the first root; edge: a compound's).
  // (Matches are read by index and copied: collecting another position's matches may grow the list.)
  auto roots = [&](const std::vector<uint8_t>& admits) {
    const auto [from, to] = matchesAt(roots_, p);
    for (int32_t i = from; i < to; i++) {
      const Match mt = roots_.list[i];
      const int32_t e = mt.entry;
      const int32_t pos = spec_.rootPos[e];
      if (!admits[static_cast<size_t>(state) * S + pos]) continue;
      const List rest = mt.end == n ? (spec_.canEnd[pos] ? finish(pos) : none) : best(mt.end, kPost, pos, false, depth + 1);
      extend(kept, kRoot, p, mt.end, e, spec_.rootLabel[e], state, spec_.rootLp[spec_.rootCitation[e]], rest);
    }
  };
  if (stage == kPre) {
    // Candidates in the reference's order: prefixes by end, then roots by end, then unknown roots by end.
    const auto [from, to] = matchesAt(prefixes_, p);
    for (int32_t i = from; i < to; i++) {
      const Match mt = prefixes_.list[i];
      if (mt.end >= n) break;  // a prefix needs a root after it
      const int32_t e = mt.entry;
      const int32_t cls = spec_.affixClass[e];
      if (!spec_.allowed[static_cast<size_t>(state) * S + cls]) continue;
      const double f = mt.fit == kUnknownFit ? (prefixes_.list[i].fit = fit(e, p, mt.end)) : mt.fit;
      const double lp = spec_.affix.at(state, spec_.affixGroup[e], G) + f;
      const List rest = best(mt.end, kPre, cls, false, depth + 1);
      extend(kept, kPrefix, p, mt.end, e, spec_.affixLabel[e], state, lp, rest);
    }
    roots(spec_.allowed);
    // An unknown root w[p, end) puts end - p residue units into every completion it starts, and the ends rise:
    // from the first one past the k-th kept, none can enter (this skips the unknown-root lattice of every word
    // whose k best need less residue). Before suffixes it must hold a vowel (when the dictionary has a vowel
    // class): `vowel` is the first at or after p.
    int32_t vowel = p;
    if (spec_.hasVowelTest)
      while (vowel < n && !a_.isVowelUnit_[w_[vowel]]) vowel++;
    for (int32_t end = p + 1; end <= n && !full(end - p); end++) {
      if (end < n && spec_.hasVowelTest && vowel >= end) continue;
      const List rest = end == n ? finish(kAny) : best(end, kPost, kAny, true, depth + 1);
      extend(kept, kResidue, p, end, -1, spec_.residueLabel, state, kResidueSpan + kResidueChar * (end - p), rest);
    }
  } else {
    const auto [from, to] = matchesAt(suffixes_, p);
    for (int32_t i = from; i < to; i++) {
      const Match mt = suffixes_.list[i];
      const int32_t e = mt.entry;
      const int32_t cls = spec_.affixClass[e];
      if (!spec_.allowed[static_cast<size_t>(state) * S + cls]) continue;
      const double f = mt.fit == kUnknownFit ? (suffixes_.list[i].fit = fit(e, p, mt.end)) : mt.fit;
      if (unk && f != 0) continue;
      const double lp = spec_.affix.at(state, spec_.affixGroup[e], G) + f;
      const List rest = mt.end == n ? (spec_.canEnd[cls] ? finish(cls) : none) : best(mt.end, kPost, cls, unk, depth + 1);
      extend(kept, kSuffix, p, mt.end, e, spec_.affixLabel[e], state, lp, rest);
    }
    // A compound: another root where the morphotactics have a raw edge from this state to its pos.
    if (!unk && a_.compoundAfter_[state]) roots(spec_.edge);
    // The residue tail (n - p units): skipped as above when it cannot enter.
    if (!unk && !full(n - p)) extend(kept, kResidue, p, n, -1, spec_.residueLabel, state, kResidueSpan + kResidueChar * (n - p), finish(kAny));
  }
  const List out{static_cast<int32_t>(pool_.size()), static_cast<int32_t>(kept.size())};
  pool_.insert(pool_.end(), kept.begin(), kept.end());
  memo_.push_back(MemoEntry{state, memoHead_[slot], out});
  memoHead_[slot] = static_cast<int32_t>(memo_.size()) - 1;
  return out;
}

Analyzer::Search::List Analyzer::Search::run(const char16_t* w, int32_t n, int32_t k) {
  arena_.clear();
  pool_.clear();
  memo_.clear();
  if (n <= 0) return List{0, 0};
  if (n > kMaxWord) {
    // The reference's one analysis of a long word: all residue.
    const double lp = kResidueSpan + kResidueChar * n;
    const int32_t end = add(kEnd, n, n, -1, 0, kAny, -1, 0, 0, 0.0, 0.0);
    pool_.push_back(add(kResidue, 0, n, -1, spec_.residueLabel, 0, end, n, 1, lp, jsRound(lp * 1e6)));
    return List{0, 1};
  }
  w_ = w;
  n_ = n;
  k_ = std::max(1, k);
  std::fill(memoHead_.begin(), memoHead_.begin() + static_cast<std::ptrdiff_t>(n + 1) * 4, -1);
  for (MatchSet* m : {&prefixes_, &roots_, &suffixes_}) {
    m->list.clear();
    std::fill(m->from.begin(), m->from.begin() + n + 1, -1);
  }
  // Context per position p: the last vowel and last code point of w[0, p), the first code point of w[p, n).
  lvCtx_[0] = 0;
  lcCtx_[0] = 0;
  for (int32_t p = 1; p <= n; p++) {
    const char16_t u = w[p - 1];
    lvCtx_[p] = a_.isContextVowel_[u] ? 1 + a_.bmpMaskId_[u] : lvCtx_[p - 1];
    // lastCodePoint: a low surrogate with something before it is read as a two-unit string, which is a class
    // member only when it is a real pair.
    if (isLow(u) && p >= 2) lcCtx_[p] = 1 + (isHigh(w[p - 2]) ? a_.maskId(0x10000 + ((w[p - 2] - 0xd800) << 10) + (u - 0xdc00)) : 0);
    else lcCtx_[p] = 1 + a_.maskId(u);
  }
  for (int32_t p = 0; p < n; p++) {
    const char16_t u = w[p];
    ncCtx_[p] = 1 + ((isHigh(u) && p + 1 < n && isLow(w[p + 1])) ? a_.maskId(0x10000 + ((u - 0xd800) << 10) + (w[p + 1] - 0xdc00)) : a_.maskId(u));
  }
  ncCtx_[n] = 0;
  return best(0, kPre, 0, false, 0);
}

}  // namespace tokstudio
