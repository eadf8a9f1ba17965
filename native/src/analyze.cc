// See analyze.h. The structure follows Analyzer.best in main/core/hybrid/analyzer.ts step for step; where the
// two must agree to the bit (candidate order, score sums, rounding, tie order) the comment names the reason.
#include "analyze.h"

#include <algorithm>
#include <cmath>
#include <thread>

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
  double r = std::floor(x);
  return (x - r >= 0.5) ? r + 1 : r;
}

bool isHigh(char16_t c) { return c >= 0xd800 && c <= 0xdbff; }
bool isLow(char16_t c) { return c >= 0xdc00 && c <= 0xdfff; }

bool inRef(uint64_t mask, const ClassRefMask& r) { return (mask & r.need) == r.need && (mask & r.forbid) == 0; }

}  // namespace

/** One word's lattice search: the per-word state, so threads can search at once with one of these each. */
class Analyzer::Search {
 public:
  explicit Search(const Analyzer& a) : a_(a), spec_(a.spec_) {}
  void analyze(const char16_t* w, int32_t n, int32_t k, std::vector<AnalysisOut>& out);

 private:
  struct CNode {
    int32_t kind, start, end, ref, label, state, next, residue, morphs;
    double logp, q;
  };
  /** A best() result: the completions pool_[from, from + len), best first. */
  struct List {
    int32_t from, len;
  };
  struct Slot {
    int32_t state;
    List list;
  };
  // Dictionary matches starting at each position, found once per word: match lists [at[p], at[p + 1]).
  struct Match {
    int32_t end, entry;
    double fit;  // affixes: 0 or DISHARMONY
  };

  List best(int32_t p, int32_t stage, int32_t state, bool unk, int32_t depth);
  int compare(int32_t a, int32_t b) const;
  void offer(std::vector<int32_t>& kept, int32_t node);
  List finish(int32_t state);
  void extend(std::vector<int32_t>& kept, int32_t kind, int32_t start, int32_t end, int32_t ref, int32_t label, int32_t state, double lp, List rest);
  int32_t predict(int32_t group, int32_t start, int32_t end) const;
  double fit(int32_t affix, int32_t start, int32_t end) const;
  void collect(const Trie& trie, bool affix, std::vector<Match>& out, std::vector<int32_t>& at);

  const Analyzer& a_;
  const AnalyzerSpec& spec_;
  const char16_t* w_ = nullptr;
  int32_t n_ = 0, k_ = 1;
  std::vector<CNode> arena_;
  std::vector<std::vector<Slot>> memo_;
  std::vector<int32_t> pool_;
  std::vector<std::vector<int32_t>> scratch_;  // candidates per recursion depth, reused
  std::vector<Match> prefixMatch_, rootMatch_, suffixMatch_;
  std::vector<int32_t> prefixAt_, rootAt_, suffixAt_;
  std::vector<int32_t> firstVowel_;  // first vowel unit at or after p (n if none)
  std::vector<uint64_t> lvMask_, lcMask_, ncMask_;
  std::vector<uint8_t> lvHas_;
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

namespace {
uint64_t slotOf(uint64_t key) { return (key * 0x9E3779B97F4A7C15ull) >> 20; }
}  // namespace

void Analyzer::Trie::freeze() {
  size_t edges = 0;
  for (const Node& nd : nodes) edges += nd.kids.size();
  size_t cap = 16;
  while (cap < edges * 2) cap <<= 1;
  mask = cap - 1;
  keys.assign(cap, UINT64_MAX);
  vals.assign(cap, -1);
  for (size_t i = 0; i < nodes.size(); i++) {
    for (const auto& [c, m] : nodes[i].kids) {
      const uint64_t key = (static_cast<uint64_t>(i) << 16) | c;
      uint64_t h = slotOf(key) & mask;
      while (keys[h] != UINT64_MAX) h = (h + 1) & mask;
      keys[h] = key;
      vals[h] = m;
    }
    std::vector<std::pair<char16_t, int32_t>>().swap(nodes[i].kids);
  }
}

int32_t Analyzer::Trie::child(int32_t node, char16_t c) const {
  const uint64_t key = (static_cast<uint64_t>(node) << 16) | c;
  for (uint64_t h = slotOf(key) & mask;; h = (h + 1) & mask) {
    if (keys[h] == key) return vals[h];
    if (keys[h] == UINT64_MAX) return -1;
  }
}

Analyzer::Analyzer(AnalyzerSpec spec) : spec_(std::move(spec)), isVowelUnit_(0x10000, 0), isContextVowel_(0x10000, 0), bmpMask_(0x10000, 0) {
  for (size_t i = 0; i < spec_.rootSurface.size(); i++) roots_.add(spec_.rootSurface[i], static_cast<int32_t>(i));
  for (size_t i = 0; i < spec_.affixSurface.size(); i++) (spec_.affixIsPrefix[i] ? prefixes_ : suffixes_).add(spec_.affixSurface[i], static_cast<int32_t>(i));
  roots_.freeze();
  prefixes_.freeze();
  suffixes_.freeze();
  for (uint16_t u : spec_.vowelUnits) isVowelUnit_[u] = 1;
  for (uint16_t u : spec_.contextVowels) isContextVowel_[u] = 1;
  for (const auto& [cp, m] : spec_.classMask)
    if (cp >= 0 && cp < 0x10000) bmpMask_[cp] = m;
  search_ = new Search(*this);
}

Analyzer::~Analyzer() { delete search_; }

void Analyzer::analyze(const char16_t* w, int32_t n, int32_t k, std::vector<AnalysisOut>& out) { search_->analyze(w, n, k, out); }

namespace {
void pack(const std::vector<AnalysisOut>& outs, std::vector<int32_t>& data, std::vector<double>& logp) {
  data.push_back(static_cast<int32_t>(outs.size()));
  for (const AnalysisOut& a : outs) {
    data.push_back(a.residue);
    data.push_back(static_cast<int32_t>(a.morphs.size() / 5));
    data.insert(data.end(), a.morphs.begin(), a.morphs.end());
    data.push_back(a.endState);
    logp.push_back(a.logp);
  }
}
}  // namespace

void Analyzer::countBest(const char16_t* text, const uint32_t* lens, const double* weights, size_t words, unsigned threads, std::vector<double>& roots,
                         std::vector<double>& groups, std::vector<double>& pairs, std::vector<double>& totals) const {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 2048)));
  const size_t G = static_cast<size_t>(spec_.groups);
  struct Acc {
    std::vector<double> roots, groups, pairs, totals;
  };
  std::vector<Acc> accs(t, Acc{std::vector<double>(roots.size(), 0), std::vector<double>(groups.size(), 0), std::vector<double>(pairs.size(), 0),
                               std::vector<double>(totals.size(), 0)});
  auto run = [&](unsigned part) {
    Search search(*this);
    std::vector<AnalysisOut> outs;
    Acc& acc = accs[part];
    const size_t from = words * part / t, to = words * (part + 1) / t;
    for (size_t i = from; i < to; i++) {
      outs.clear();
      search.analyze(text + offset[i], static_cast<int32_t>(lens[i]), 1, outs);
      if (outs.empty()) continue;
      const double n = weights[i];
      const std::vector<int32_t>& m = outs[0].morphs;
      const size_t count = m.size() / 5;
      if (count > 0 && m[(count - 1) * 5] != kResidue) acc.totals[outs[0].endState] += n;
      for (size_t j = 0; j < count; j++) {
        const int32_t kind = m[j * 5], ref = m[j * 5 + 3], state = m[j * 5 + 4];
        acc.totals[state] += n;
        if (kind == kPrefix || kind == kSuffix) {
          const int32_t g = spec_.affixGroup[ref];
          acc.pairs[static_cast<size_t>(state) * G + g] += n;
          acc.groups[g] += n;
        } else if (kind == kRoot) {
          acc.roots[spec_.rootCitation[ref]] += n;
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  // Counts are whole numbers, so these sums are exact whatever the order.
  for (const Acc& a : accs) {
    for (size_t i = 0; i < roots.size(); i++) roots[i] += a.roots[i];
    for (size_t i = 0; i < groups.size(); i++) groups[i] += a.groups[i];
    for (size_t i = 0; i < pairs.size(); i++) pairs[i] += a.pairs[i];
    for (size_t i = 0; i < totals.size(); i++) totals[i] += a.totals[i];
  }
}

void Analyzer::analyzeMany(const char16_t* text, const uint32_t* lens, size_t words, int32_t k, unsigned threads, std::vector<int32_t>& data,
                           std::vector<double>& logp) const {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  // Below a few thousand words a thread costs more than it saves.
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 2048)));
  std::vector<std::vector<int32_t>> datas(t);
  std::vector<std::vector<double>> logps(t);
  auto run = [&](unsigned part) {
    Search search(*this);
    std::vector<AnalysisOut> outs;
    const size_t from = words * part / t, to = words * (part + 1) / t;
    for (size_t i = from; i < to; i++) {
      outs.clear();
      search.analyze(text + offset[i], static_cast<int32_t>(lens[i]), k, outs);
      pack(outs, datas[part], logps[part]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  for (unsigned part = 0; part < t; part++) {
    data.insert(data.end(), datas[part].begin(), datas[part].end());
    logp.insert(logp.end(), logps[part].begin(), logps[part].end());
  }
}

void Analyzer::setScores(std::vector<double> rootLp, std::vector<double> affixLp) {
  spec_.rootLp = std::move(rootLp);
  spec_.affixLp = std::move(affixLp);
}

uint64_t Analyzer::maskOf(int32_t cp) const {
  if (cp < 0) return 0;
  if (cp < 0x10000) return bmpMask_[cp];
  auto it = spec_.classMask.find(cp);
  return it == spec_.classMask.end() ? 0 : it->second;
}

/** predictVariant (context.ts): the one distinct variant whose rule holds, else -1. */
int32_t Analyzer::Search::predict(int32_t group, int32_t start, int32_t end) const {
  int32_t found = -1;
  const bool nextNull = end >= n_;
  for (const AllomorphRuleSpec& r : spec_.groupRules[group]) {
    if (r.variant == found) continue;
    if (r.lastVowel.present && (!lvHas_[start] || !inRef(lvMask_[start], r.lastVowel))) continue;
    if (r.lastChar.present && (start == 0 || !inRef(lcMask_[start], r.lastChar))) continue;
    if (r.nextIsEnd >= 0 && (r.nextIsEnd == 1) != nextNull) continue;
    if (r.next.present && (nextNull || !inRef(ncMask_[end], r.next))) continue;
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
  for (int32_t i = a, j = b; arena_[i].kind != kEnd; i = arena_[i].next, j = arena_[j].next) {
    if (arena_[i].end != arena_[j].end) return arena_[i].end > arena_[j].end ? -1 : 1;
  }
  for (int32_t i = a, j = b; arena_[i].kind != kEnd; i = arena_[i].next, j = arena_[j].next) {
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

Analyzer::Search::List Analyzer::Search::finish(int32_t state) {
  arena_.push_back(CNode{kEnd, n_, n_, -1, 0, state, -1, 0, 0, 0.0, 0.0});
  pool_.push_back(static_cast<int32_t>(arena_.size()) - 1);
  return List{static_cast<int32_t>(pool_.size()) - 1, 1};
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
    CNode node;
    node.kind = kind;
    node.start = start;
    node.end = end;
    node.ref = ref;
    node.label = label;
    node.state = state;
    node.next = c;
    node.residue = residue;
    node.morphs = morphs;
    node.logp = logp;
    node.q = q;
    arena_.push_back(node);
    offer(kept, static_cast<int32_t>(arena_.size()) - 1);
  }
}

// Matches in trie walk order (by end, then entry insertion order), as the reference's walk reports them.
void Analyzer::Search::collect(const Trie& trie, bool affix, std::vector<Match>& out, std::vector<int32_t>& at) {
  out.clear();
  at.assign(static_cast<size_t>(n_ + 1), 0);
  for (int32_t p = 0; p < n_; p++) {
    at[p] = static_cast<int32_t>(out.size());
    for (int32_t i = p, node = 0; i < n_; i++) {
      node = trie.child(node, w_[i]);
      if (node < 0) break;
      for (int32_t e : trie.nodes[node].entries) out.push_back(Match{i + 1, e, affix ? kUnknownFit : 0.0});
    }
  }
  at[n_] = static_cast<int32_t>(out.size());
}

Analyzer::Search::List Analyzer::Search::best(int32_t p, int32_t stage, int32_t state, bool unk, int32_t depth) {
  const size_t slot = (static_cast<size_t>(p) * 2 + stage) * 2 + (unk ? 1 : 0);
  for (const Slot& s : memo_[slot])
    if (s.state == state) return s.list;
  std::vector<int32_t>& kept = scratch_[depth];
  kept.clear();
  const int32_t n = n_;
  const int32_t S = spec_.states;
  const int32_t G = spec_.groups;
  const List none{0, 0};
  // Roots starting at p whose pos the table admits after `state` (allowed: the first root; edge: a compound's).
  auto roots = [&](const std::vector<uint8_t>& admits) {
    for (int32_t i = rootAt_[p]; i < rootAt_[p + 1]; i++) {
      const Match& mt = rootMatch_[i];
      const int32_t e = mt.entry;
      const int32_t pos = spec_.rootPos[e];
      if (!admits[static_cast<size_t>(state) * S + pos]) continue;
      const List rest = mt.end == n ? (spec_.canEnd[pos] ? finish(pos) : none) : best(mt.end, kPost, pos, false, depth + 1);
      extend(kept, kRoot, p, mt.end, e, spec_.rootLabel[e], state, spec_.rootLp[spec_.rootCitation[e]], rest);
    }
  };
  if (stage == kPre) {
    // Candidates in the reference's order: prefixes by end, then roots by end, then unknown roots by end.
    for (int32_t i = prefixAt_[p]; i < prefixAt_[p + 1]; i++) {
      Match& mt = prefixMatch_[i];
      if (mt.end >= n) break;  // a prefix needs a root after it
      const int32_t e = mt.entry;
      const int32_t cls = spec_.affixClass[e];
      if (!spec_.allowed[static_cast<size_t>(state) * S + cls]) continue;
      if (mt.fit == kUnknownFit) mt.fit = fit(e, p, mt.end);
      const double lp = spec_.affixLp[static_cast<size_t>(state) * G + spec_.affixGroup[e]] + mt.fit;
      const List rest = best(mt.end, kPre, cls, false, depth + 1);
      extend(kept, kPrefix, p, mt.end, e, spec_.affixLabel[e], state, lp, rest);
    }
    roots(spec_.allowed);
    for (int32_t end = p + 1; end <= n; end++) {
      if (end < n && spec_.hasVowelTest && firstVowel_[p] >= end) continue;
      const List rest = end == n ? finish(kAny) : best(end, kPost, kAny, true, depth + 1);
      extend(kept, kResidue, p, end, -1, spec_.residueLabel, state, kResidueSpan + kResidueChar * (end - p), rest);
    }
  } else {
    for (int32_t i = suffixAt_[p]; i < suffixAt_[p + 1]; i++) {
      Match& mt = suffixMatch_[i];
      const int32_t e = mt.entry;
      const int32_t cls = spec_.affixClass[e];
      if (!spec_.allowed[static_cast<size_t>(state) * S + cls]) continue;
      if (mt.fit == kUnknownFit) mt.fit = fit(e, p, mt.end);
      if (mt.fit != 0 && unk) continue;
      const double lp = spec_.affixLp[static_cast<size_t>(state) * G + spec_.affixGroup[e]] + mt.fit;
      const List rest = mt.end == n ? (spec_.canEnd[cls] ? finish(cls) : none) : best(mt.end, kPost, cls, unk, depth + 1);
      extend(kept, kSuffix, p, mt.end, e, spec_.affixLabel[e], state, lp, rest);
    }
    // A compound: another root where the morphotactics have a raw edge from this state to its pos.
    if (!unk && spec_.hasEdges) roots(spec_.edge);
    if (!unk) extend(kept, kResidue, p, n, -1, spec_.residueLabel, state, kResidueSpan + kResidueChar * (n - p), finish(kAny));
  }
  const List out{static_cast<int32_t>(pool_.size()), static_cast<int32_t>(kept.size())};
  pool_.insert(pool_.end(), kept.begin(), kept.end());
  memo_[slot].push_back(Slot{state, out});
  return out;
}

void Analyzer::Search::analyze(const char16_t* w, int32_t n, int32_t k, std::vector<AnalysisOut>& out) {
  if (n <= 0) return;
  if (n > kMaxWord) {
    out.push_back(AnalysisOut{n, kResidueSpan + kResidueChar * n, {kResidue, 0, n, -1, 0}, kAny});
    return;
  }
  w_ = w;
  n_ = n;
  k_ = std::max(1, k);
  arena_.clear();
  pool_.clear();
  memo_.resize(static_cast<size_t>(n + 1) * 4);
  for (size_t i = 0; i < static_cast<size_t>(n + 1) * 4; i++) memo_[i].clear();
  if (scratch_.size() < static_cast<size_t>(n + 2)) scratch_.resize(static_cast<size_t>(n + 2));
  // Context per position p: the last vowel and last code point of w[0, p), the first code point of w[p, n).
  firstVowel_.assign(static_cast<size_t>(n + 1), n);
  for (int32_t i = n - 1; i >= 0; i--) firstVowel_[i] = a_.isVowelUnit_[w[i]] ? i : firstVowel_[i + 1];
  lvHas_.assign(static_cast<size_t>(n + 1), 0);
  lvMask_.assign(static_cast<size_t>(n + 1), 0);
  lcMask_.assign(static_cast<size_t>(n + 1), 0);
  ncMask_.assign(static_cast<size_t>(n + 1), 0);
  for (int32_t p = 1; p <= n; p++) {
    const char16_t u = w[p - 1];
    if (a_.isContextVowel_[u]) {
      lvHas_[p] = 1;
      lvMask_[p] = a_.bmpMask_[u];
    } else {
      lvHas_[p] = lvHas_[p - 1];
      lvMask_[p] = lvMask_[p - 1];
    }
    // lastCodePoint: a low surrogate with something before it is read as a two-unit string, which is a class
    // member only when it is a real pair.
    if (isLow(u) && p >= 2) lcMask_[p] = isHigh(w[p - 2]) ? a_.maskOf(0x10000 + ((w[p - 2] - 0xd800) << 10) + (u - 0xdc00)) : 0;
    else lcMask_[p] = a_.maskOf(u);
  }
  for (int32_t p = 0; p < n; p++) {
    const char16_t u = w[p];
    ncMask_[p] = (isHigh(u) && p + 1 < n && isLow(w[p + 1])) ? a_.maskOf(0x10000 + ((u - 0xd800) << 10) + (w[p + 1] - 0xdc00)) : a_.maskOf(u);
  }
  collect(a_.prefixes_, true, prefixMatch_, prefixAt_);
  collect(a_.roots_, false, rootMatch_, rootAt_);
  collect(a_.suffixes_, true, suffixMatch_, suffixAt_);
  const List top = best(0, kPre, 0, false, 0);
  for (int32_t i = 0; i < top.len; i++) {
    int32_t c = pool_[top.from + i];
    AnalysisOut a{arena_[c].residue, arena_[c].logp, {}, 0};
    for (; arena_[c].kind != kEnd; c = arena_[c].next) {
      const CNode& m = arena_[c];
      a.morphs.insert(a.morphs.end(), {m.kind, m.start, m.end, m.ref, m.state});
    }
    a.endState = arena_[c].state;
    out.push_back(std::move(a));
  }
}

}  // namespace tokstudio
