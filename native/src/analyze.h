// The hybrid tokenizer's per-word lattice search (main/core/hybrid/analyzer.ts) in C++: the same candidates
// in the same order, the same scores summed in the same order, the same total order and stable ties, so the n
// best analyses are identical to the TypeScript reference's. Words are UTF-16, as in JavaScript, so offsets,
// "characters" and code point handling match it unit for unit.
//
// Everything that is a string in the reference (states, group names, labels, variant surfaces) arrives
// interned as integers, prepared by main/core/native/analyze.ts from the same dictionary:
//   - labels ("root:kitap", "suffix:PLU", "residue:") as ranks in code-unit order, so comparing ranks is
//     comparing the strings;
//   - character class references as bit masks (at most 64 classes), a code point's classes as a mask.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "hashmap.h"

namespace tokstudio {

/** A character class reference: every class in `need`, none in `forbid` (an intersection of names and !names). */
struct ClassRefMask {
  bool present = false;
  uint64_t need = 0;
  uint64_t forbid = 0;
};

struct AllomorphRuleSpec {
  int32_t variant;  // interned variant surface
  ClassRefMask lastVowel, lastChar, next;
  int8_t nextIsEnd = -1;  // -1: not part of the condition
};

/**
 * The score of an affix of group g after a state: a dense states x groups table, or (for large dictionaries, where
 * that table would take hundreds of MB) the states' transition rows as sparse entries over the unigram scores.
 */
struct AffixScores {
  bool sparse = false;
  std::vector<double> dense;    // states x groups
  std::vector<double> unigram;  // per group (sparse)
  U64Map index;                 // state * groups + group -> entry in values (sparse)
  std::vector<double> values;

  double at(int32_t state, int32_t g, int32_t groups) const {
    const uint64_t key = static_cast<uint64_t>(state) * static_cast<uint64_t>(groups) + static_cast<uint64_t>(g);
    if (!sparse) return dense[key];
    const uint32_t i = index.get(key);
    return i == U64Map::kMissing ? unigram[g] : values[i];
  }
};

struct AnalyzerSpec {
  int32_t states = 2;  // 0 is '^' (word start), 1 is '*' (after an unknown root)
  // Roots in trie insertion order (each root, then its alternants).
  std::vector<std::u16string> rootSurface;
  std::vector<int32_t> rootCitation, rootPos, rootLabel;
  // Affix variants in trie insertion order.
  std::vector<std::u16string> affixSurface;
  std::vector<uint8_t> affixIsPrefix;
  std::vector<int32_t> affixGroup, affixClass, affixLabel, affixVariant;
  int32_t residueLabel = 0;
  // Morphotactics: allowed[from * states + to] as Analyzer.allowed, edge[] the raw edges (compounds),
  // canEnd[state]; hasEdges false = no morphotactics (compounds off).
  bool hasEdges = false;
  std::vector<uint8_t> allowed, edge, canEnd;
  // The analyzer's vowel test (first code unit of each 'vowel' class member); absent = no test.
  bool hasVowelTest = false;
  std::vector<uint16_t> vowelUnits;
  // The rule contexts' vowels (one-unit members of the 'vowel' class).
  std::vector<uint16_t> contextVowels;
  // Class membership: code point -> mask of the classes holding it.
  std::unordered_map<int32_t, uint64_t> classMask;
  std::vector<std::vector<AllomorphRuleSpec>> groupRules;  // per group
  // Scores: per citation, and per (state, group).
  std::vector<double> rootLp;
  AffixScores affix;
  int32_t groups = 0;
};

enum MorphKind : int32_t { kPrefix = 0, kRoot = 1, kSuffix = 2, kResidue = 3, kEnd = 4 };

/**
 * What hybrid training's residue pass (trainer.ts step 4) gathers from the words' best analyses: the weight and
 * number of full words, the affix observations and the residue strings, each distinct one once with its summed
 * weight, in the order first seen.
 */
struct ResiduePassOut {
  double coveredWeight = 0;
  double coveredTypes = 0;
  // Per observation: group, the last context vowel unit before the affix (or -1), the last code point before it as
  // lastCodePoint (context.ts) reads it: its first unit and its second unit (-1 where absent); and the surface.
  std::vector<int32_t> affixKeys;  // 4 per observation
  std::u16string affixText;        // the surfaces back to back
  std::vector<uint32_t> affixLens;
  std::vector<double> affixWeights;
  std::u16string residueText;
  std::vector<uint32_t> residueLens;
  std::vector<double> residueWeights;
};

struct AnalysisOut {
  int32_t residue;
  double logp;
  // Per morph: kind, start, end, ref (root or affix entry, -1 for residue), state before it.
  std::vector<int32_t> morphs;
  int32_t endState;
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerSpec spec);
  /** Replaces the scores (same shapes). Not while analyzeMany runs. */
  void setScores(std::vector<double> rootLp, AffixScores affix);
  /** The k best analyses of a word (UTF-16), best first; appended to out. */
  void analyze(const char16_t* w, int32_t n, int32_t k, std::vector<AnalysisOut>& out);
  /**
   * analyze() for many words (text holds them back to back, lens their lengths), split over up to `threads`
   * threads; results in word order, each word's analyses preceded by their number.
   */
  void analyzeMany(const char16_t* text, const uint32_t* lens, size_t words, int32_t k, unsigned threads, std::vector<int32_t>& data,
                   std::vector<double>& logp) const;
  /**
   * The hard-EM statistics of the words' best analyses, each weighted by its count (trainer.ts): morphs per
   * root citation and per group, (state, group) transitions, and events per state (every morph after its
   * state, and the word end after a last morph that is not residue). Added into the vectors given, sized
   * citations / groups / states; the transitions into `pairs`, keyed state * groups + group, only those that
   * occur (a Hunspell import has thousands of states and groups: a dense table would be hundreds of MB).
   */
  void countBest(const char16_t* text, const uint32_t* lens, const double* weights, size_t words, unsigned threads, std::vector<double>& roots,
                 std::vector<double>& groups, std::unordered_map<uint64_t, double>& pairs, std::vector<double>& totals) const;
  /**
   * The residue pass over the words' best analyses (k = 1; a word with no analysis is passed over), each weighted
   * by lead + inner (how often it opens a corpus word, and how often it stands inside one): full words count as
   * covered; every prefix and suffix is an observation (group, context before it, surface); every residue span
   * is a string, at the word's start once as " " + span with the lead weight and once bare with the inner one.
   * Split over up to `threads` threads; the order first seen is the one-thread order.
   */
  void residuePass(const char16_t* text, const uint32_t* lens, const double* lead, const double* inner, size_t words, unsigned threads,
                   ResiduePassOut& out);
  /**
   * residuePass also remembers each word's best analysis (up to kMemoLimit words), so that analyzeMany with k = 1
   * of the same words under the same scores reads it instead of searching again: the training statistics' word
   * encoder, built on this analyzer right after, meets every one of them. setScores forgets them.
   */
  static constexpr size_t kMemoLimit = 500000;
  size_t memoBytes() const { return memoData_.capacity() * sizeof(int32_t) + memoLogp_.capacity() * sizeof(double) + memoIndex_.size() * 48; }
  const AnalyzerSpec& spec() const { return spec_; }

  static constexpr int32_t kMaxWord = 64;

 private:
  struct Trie {
    struct Node {
      std::vector<std::pair<char16_t, int32_t>> kids;  // while building
      std::vector<int32_t> entries;                    // while building
    };
    std::vector<Node> nodes{1};
    // After freeze(): (node, unit) -> child in one open-addressing table (key and child side by side: one memory
    // access per probe), and each node's entries as entryList[entryAt[node], entryAt[node + 1]).
    struct Edge {
      uint64_t key;
      int32_t child;
    };
    std::vector<Edge> edges;
    uint64_t mask = 0;
    std::vector<int32_t> entryAt, entryList;
    void add(const std::u16string& s, int32_t entry);
    void freeze();
    int32_t buildChild(int32_t node, char16_t c) const;
    /** The child of `node` by unit c, or -1. Inline: the search calls it for every unit of every match walk. */
    int32_t child(int32_t node, char16_t c) const {
      const uint64_t key = (static_cast<uint64_t>(node) << 16) | c;
      for (uint64_t h = ((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;; h = (h + 1) & mask) {
        if (edges[h].key == key) return edges[h].child;
        if (edges[h].key == UINT64_MAX) return -1;
      }
    }
  };
  class Search;

  AnalyzerSpec spec_;
  Trie roots_, prefixes_, suffixes_;
  std::vector<uint8_t> isVowelUnit_, isContextVowel_;  // 64K tables
  std::vector<uint8_t> compoundAfter_;                 // per state: an edge leads from it to some root's pos
  // Class masks interned: a code point's mask as an id into masks_ (id 0: the empty mask), so a rule context is
  // a small number.
  std::vector<uint64_t> masks_;
  std::vector<int32_t> bmpMaskId_;  // 64K table
  std::unordered_map<int32_t, int32_t> astralMaskId_;
  int32_t maskId(int32_t cp) const {
    if (cp < 0x10000) return bmpMaskId_[cp];
    auto it = astralMaskId_.find(cp);
    return it == astralMaskId_.end() ? 0 : it->second;
  }
  // The rule tables of predictVariant (analyze.cc), unless they would be too big: per group and per context
  // (0: none, else 1 + mask id), the group's rules whose lastVowel / lastChar / next part holds there, as bit
  // sets of ruleWords(group) words, at ruleAt_[group] in ruleBits_.
  bool ruleTables_ = false;
  std::vector<size_t> ruleAt_;
  std::vector<uint64_t> ruleBits_;
  size_t ruleWords(int32_t group) const { return (spec_.groupRules[group].size() + 63) / 64; }
  Search* search_ = nullptr;  // for analyze(); owned
  // The remembered best analyses: word -> its analyzeMany record (k = 1) at memoData_[memoAt_[i]], logp.
  U16Index memoIndex_;
  std::vector<size_t> memoAt_;
  std::vector<int32_t> memoData_;
  std::vector<double> memoLogp_;
  /** Appends one analysis (the chain from search node c) as analyzeMany packs it to d, its score to l. */
  static void packAnalysis(const Search& search, int32_t c, std::vector<int32_t>& d, std::vector<double>& l);
 public:
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
};

}  // namespace tokstudio
