// See wordenc.h. The per-word routine follows HybridTokenizer.buildWord (codec.ts) and the decode follows
// Decoder.decode / surfaceAt / consistent / peek (decoder.ts) step for step, restricted to the ids buildWord
// emits; the comments name the reference's rule where the two must agree.
#include "wordenc.h"

#include <algorithm>
#include <thread>

#include "residue.h"
#include "triggers.h"
#include "unicode.h"

namespace tokstudio {
namespace {

constexpr int32_t kLookahead = 3;  // decoder.ts LOOKAHEAD

bool isHigh(char16_t c) { return c >= 0xd800 && c <= 0xdbff; }
bool isLow(char16_t c) { return c >= 0xdc00 && c <= 0xdfff; }

bool inRef(uint64_t mask, const ClassRefMask& r) { return (mask & r.need) == r.need && (mask & r.forbid) == 0; }

/**
 * The first code point a lenient (WHATWG, replacement) UTF-8 decode of b[0, n) gives, n <= 4: U+FFFD for an
 * invalid or cut sequence (the decoder's peek only asks whether it is a letter, which U+FFFD is not).
 */
int32_t firstCodePointLenient(const uint8_t* b, size_t n) {
  if (n == 0) return -1;
  const uint8_t b0 = b[0];
  if (b0 < 0x80) return b0;
  int need;
  int32_t cp;
  uint8_t lo = 0x80, hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    need = 1;
    cp = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    cp = b0 & 0x0f;
    if (b0 == 0xe0) lo = 0xa0;
    if (b0 == 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xf0) lo = 0x90;
    if (b0 == 0xf4) hi = 0x8f;
  } else {
    return 0xfffd;
  }
  for (int k = 1; k <= need; k++) {
    if (static_cast<size_t>(k) >= n) return 0xfffd;
    const uint8_t c = b[k];
    if (c < lo || c > hi) return 0xfffd;
    lo = 0x80;
    hi = 0xbf;
    cp = (cp << 6) | (c & 0x3f);
  }
  return cp;
}

}  // namespace

/** One thread's scratch: the decoder state, the residue BPE (with its own piece cache) and the buffers. */
class WordEncoder::Worker {
 public:
  explicit Worker(const WordEncoder& we) : we_(we), s_(we.spec_), bpe_(we.spec_.bpe) {}
  /** Appends the word's record (see WordEncoder::encodeMany); `a` is its packed analyses (count first). */
  void encode(const char16_t* w, int32_t n, bool carry, const int32_t* a, std::vector<int32_t>& out);

 private:
  struct Morph {
    int32_t kind, start, end, ref;
  };
  struct Piece {
    int32_t id, start, end;
    uint8_t shared, partial;
  };
  /** What the reference reads of a `left` string: its last vowel unit and its last code point (-1: none). */
  struct Ctx {
    int32_t vowel = -1, last = -1;
  };
  enum Mode : uint8_t { kShared, kExplicit, kAsResidue };
  enum Prev : uint8_t { kPrevNone, kPrevPrefix, kPrevOther };

  bool residuePieces(const std::u16string& s, int32_t base);
  bool decode();
  bool flushBytes();
  void emit(const char16_t* s, size_t n);
  void wordStart();
  int32_t surfaceAt(size_t j, Ctx left, int32_t depth);
  int32_t peek(size_t j, Ctx left, int32_t depth);
  template <class Decide>
  int32_t consistent(const int32_t* cands, size_t count, size_t j, Ctx left, int32_t depth, const Decide& decide);
  int32_t decideRoot(int32_t r, Ctx left, int32_t next) const;
  int32_t decideGroup(int32_t g, Ctx left, int32_t next) const;
  bool holds(int32_t cond, Ctx left, int32_t next) const;
  Ctx plus(Ctx c, int32_t str) const {
    return Ctx{we_.lastVowel_[str] >= 0 ? we_.lastVowel_[str] : c.vowel, s_.strings[str].empty() ? c.last : we_.lastCp_[str]};
  }
  bool isPrefixEntry(int32_t id) const { return (s_.kind[id] == kEntryGroup || s_.kind[id] == kEntryVariant) && s_.prefix[id]; }

  const WordEncoder& we_;
  const WordEncoderSpec& s_;
  Encoder bpe_;
  std::vector<Morph> morphs_;
  std::vector<Mode> mode_;
  std::vector<Piece> pieces_;
  std::vector<size_t> morphAt_;
  std::vector<int32_t> ids_, trace_;
  std::u16string str_, out_, decoded_;
  ResidueScratch scratch_;
  std::vector<ResidueToken> residue_;
  std::vector<uint8_t> bytes_;
  // Decoder state (decode()).
  Ctx word_;            // of the letters of the word being decoded (decoder.ts `word`)
  int32_t lastOut_ = -1;  // the last code point of the output (what rootTrigger reads)
  bool nosp_ = false;
  Prev prev_ = kPrevNone;
};

WordEncoder::WordEncoder(const Analyzer& analyzer, WordEncoderSpec spec)
    : analyzer_(analyzer), spec_(std::move(spec)), isVowelUnit_(0x10000, 0), bmpMask_(0x10000, 0) {
  for (uint16_t u : spec_.contextVowels) isVowelUnit_[u] = 1;
  for (const auto& [cp, m] : spec_.classMask)
    if (cp >= 0 && cp < 0x10000) bmpMask_[cp] = m;
  const size_t S = spec_.strings.size();
  firstCp_.assign(S, -1);
  lastCp_.assign(S, -1);
  lastVowel_.assign(S, -1);
  for (size_t i = 0; i < S; i++) {
    const std::u16string& s = spec_.strings[i];
    const size_t n = s.size();
    if (n == 0) continue;
    // firstCodePoint / lastCodePoint (context.ts); the strings are well-formed (wordEncoder.ts checks).
    firstCp_[i] = n >= 2 && isHigh(s[0]) && isLow(s[1]) ? 0x10000 + ((s[0] - 0xd800) << 10) + (s[1] - 0xdc00) : s[0];
    lastCp_[i] = n >= 2 && isLow(s[n - 1]) && isHigh(s[n - 2]) ? 0x10000 + ((s[n - 2] - 0xd800) << 10) + (s[n - 1] - 0xdc00) : s[n - 1];
    for (size_t k = n; k-- > 0;) {
      if (isVowelUnit_[s[k]]) {
        lastVowel_[i] = s[k];
        break;
      }
    }
  }
}

WordEncoder::~WordEncoder() = default;

uint64_t WordEncoder::maskOf(int32_t cp) const {
  if (cp < 0) return 0;
  if (cp < 0x10000) return bmpMask_[cp];
  auto it = spec_.classMask.find(cp);
  return it == spec_.classMask.end() ? 0 : it->second;
}

void WordEncoder::encodeMany(const char16_t* text, const uint32_t* lens, const uint8_t* carry, const int32_t* given, const size_t* givenAt, size_t words,
                             unsigned threads, std::vector<int32_t>& out) {
  std::vector<size_t> offset(words + 1, 0);
  for (size_t i = 0; i < words; i++) offset[i + 1] = offset[i] + lens[i];
  // A thread pays for itself from a few hundred words on; each analyses and encodes its own share.
  const unsigned t = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, words / 512)));
  while (workers_.size() < t) workers_.push_back(std::make_unique<Worker>(*this));
  std::vector<std::vector<int32_t>> outs(t);
  auto run = [&](unsigned part) {
    const size_t from = words * part / t, to = words * (part + 1) / t;
    // The words without a given analysis, analysed in one call (back to back in a copy unless that is all of them).
    std::vector<size_t> need;
    for (size_t i = from; i < to; i++)
      if (given == nullptr || given[givenAt[i]] == 0) need.push_back(i);
    std::vector<int32_t> data;
    std::vector<double> logp;
    if (need.size() == to - from) {
      analyzer_.analyzeMany(text + offset[from], lens + from, to - from, 1, 1, data, logp);
    } else if (!need.empty()) {
      std::u16string sub;
      std::vector<uint32_t> subLens;
      for (size_t i : need) {
        sub.append(text + offset[i], lens[i]);
        subLens.push_back(lens[i]);
      }
      analyzer_.analyzeMany(sub.data(), subLens.data(), need.size(), 1, 1, data, logp);
    }
    Worker& wk = *workers_[part];
    // Per word in data: the number of analyses, then per analysis residue, morph count, 5 ints per morph, end state.
    size_t at = 0;
    for (size_t i = from; i < to; i++) {
      if (given != nullptr && given[givenAt[i]] != 0) {
        wk.encode(text + offset[i], static_cast<int32_t>(lens[i]), carry[i] != 0, given + givenAt[i], outs[part]);
        continue;
      }
      wk.encode(text + offset[i], static_cast<int32_t>(lens[i]), carry[i] != 0, data.data() + at, outs[part]);
      for (int32_t c = data[at++]; c > 0; c--) at += 2 + 5 * static_cast<size_t>(data[at + 1]) + 1;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned part = 1; part < t; part++) pool.emplace_back(run, part);
  run(0);
  for (auto& th : pool) th.join();
  for (auto& o : outs) out.insert(out.end(), o.begin(), o.end());
}

// ---------- the word (codec.ts buildWord)

void WordEncoder::Worker::encode(const char16_t* w, int32_t n, bool carry, const int32_t* a, std::vector<int32_t>& out) {
  auto notHandled = [&] {
    out.push_back(0);
    out.push_back(0);
  };
  // Pieces as the reference returns them, unless one is a byte token that splits a character (the reference
  // gives it a `partial` field): such a word is left to it.
  auto handled = [&](bool startsWithMorph) {
    for (const Piece& p : pieces_)
      if (p.partial) return notHandled();
    out.push_back(startsWithMorph ? 3 : 1);
    out.push_back(static_cast<int32_t>(pieces_.size()));
    for (const Piece& p : pieces_) out.insert(out.end(), {p.id, p.start, p.end, p.shared});
  };
  if (a[0] < 1 || a[2] < 1) return notHandled();  // no analysis (an empty word): the reference fails on it
  const int32_t M = a[2];
  morphs_.clear();
  mode_.clear();
  for (int32_t i = 0; i < M; i++) {
    const int32_t* m = a + 3 + 5 * static_cast<size_t>(i);
    morphs_.push_back(Morph{m[0], m[1], m[2], m[3]});
    mode_.push_back(m[0] == kResidue ? kAsResidue : kShared);
  }
  for (int32_t round = 0; round <= M + 1; round++) {
    pieces_.clear();
    morphAt_.clear();
    for (int32_t i = 0; i < M; i++) {
      const Morph& m = morphs_[i];
      // A compound's later root would take an implied space like a new word: <nosp> keeps it joined.
      if (m.kind == kRoot && i > 0 && morphs_[i - 1].kind != kPrefix && mode_[i] != kAsResidue) pieces_.push_back(Piece{s_.nospId, m.start, m.start, 0, 0});
      morphAt_.push_back(pieces_.size());
      if (mode_[i] == kAsResidue) {
        // A residue piece at the word's start carries the single space before the word.
        const bool lead = i == 0 && carry;
        str_.clear();
        if (lead) str_.push_back(u' ');
        str_.append(w + m.start, static_cast<size_t>(m.end - m.start));
        if (!residuePieces(str_, m.start - (lead ? 1 : 0))) return notHandled();
        continue;
      }
      bool shared = mode_[i] == kShared;
      int32_t id;
      if (m.kind == kRoot) {
        id = shared ? s_.rootShared[m.ref] : s_.rootExplicit[m.ref];
      } else {
        id = shared ? s_.affixShared[m.ref] : s_.affixExplicit[m.ref];
        if (!shared && id == s_.affixShared[m.ref]) shared = true;  // single-variant group
      }
      if (id < 0) return notHandled();  // the reference throws "internal: no id"
      pieces_.push_back(Piece{id, m.start, m.end, static_cast<uint8_t>(shared), 0});
    }
    if (!decode()) return notHandled();
    const bool lead = mode_[0] == kAsResidue && carry;
    if (out_.size() == static_cast<size_t>(n) + (lead ? 1 : 0) && (!lead || out_[0] == u' ') &&
        out_.compare(lead ? 1 : 0, static_cast<size_t>(n), w, static_cast<size_t>(n)) == 0)
      return handled(mode_[0] != kAsResidue);
    // The first morph that decoded differently moves one step down: shared -> explicit -> residue.
    bool fixed = false;
    for (int32_t i = 0; i < M; i++) {
      const Morph& m = morphs_[i];
      if (mode_[i] == kAsResidue) continue;
      const int32_t t = trace_[morphAt_[i]];
      if (t >= 0 && s_.strings[t].compare(0, std::u16string::npos, w + m.start, static_cast<size_t>(m.end - m.start)) == 0) continue;
      const bool hasExplicit = m.kind == kRoot ? s_.rootExplicit[m.ref] >= 0 : s_.affixExplicit[m.ref] >= 0;
      mode_[i] = mode_[i] == kShared && hasExplicit ? kExplicit : kAsResidue;
      fixed = true;
      break;
    }
    if (!fixed) break;
  }
  // Safety net: the whole word as residue bytes (they decode back exactly whenever the word is well-formed,
  // which residuePieces checks).
  pieces_.clear();
  str_.clear();
  if (carry) str_.push_back(u' ');
  str_.append(w, static_cast<size_t>(n));
  if (!residuePieces(str_, carry ? -1 : 0)) return notHandled();
  handled(false);
}

/** codec.ts residuePieces: the residue BPE's tokens of s, offsets relative to s shifted by base. */
bool WordEncoder::Worker::residuePieces(const std::u16string& s, int32_t base) {
  residue_.clear();
  if (!residueTokens(bpe_, s.data(), s.size(), scratch_, residue_)) return false;  // the reference's BPE refuses a lone surrogate
  for (const ResidueToken& t : residue_) {
    const bool whole = t.byteStart < 0;
    pieces_.push_back(Piece{s_.bpeBase + t.id, base + (whole ? t.start : 0), base + (whole ? t.end : 0), 0, static_cast<uint8_t>(whole ? 0 : 1)});
  }
  return true;
}

// ---------- the verification decode (decoder.ts Decoder.decode, for these ids)

bool WordEncoder::Worker::decode() {
  ids_.clear();
  for (const Piece& p : pieces_) ids_.push_back(p.id);
  trace_.assign(ids_.size(), -1);
  out_.clear();
  bytes_.clear();
  word_ = Ctx{};
  lastOut_ = -1;
  nosp_ = false;
  prev_ = kPrevNone;
  for (size_t i = 0; i < ids_.size(); i++) {
    const int32_t id = ids_[i];
    const uint8_t k = s_.kind[id];
    if (k == kEntryBpe) {
      const std::string& b = s_.bpeBytes[s_.ref[id]];
      bytes_.insert(bytes_.end(), b.begin(), b.end());
      prev_ = kPrevOther;
      nosp_ = false;
      continue;
    }
    if (!flushBytes()) return false;
    if (k == kEntryNosp) {
      nosp_ = true;  // does not end the word: what follows joins it
      continue;
    }
    Prev next = kPrevOther;
    if (k == kEntryRoot || k == kEntryRootAlt) {
      if (prev_ != kPrevPrefix) wordStart();
    } else if (k == kEntryGroup || k == kEntryVariant) {
      if (s_.prefix[id]) {
        if (prev_ != kPrevPrefix) wordStart();
        next = kPrevPrefix;
      }
    } else {
      return false;  // an id buildWord never emits
    }
    const int32_t surface = surfaceAt(i, word_, 0);
    if (surface < 0) return false;
    const std::u16string& s = s_.strings[surface];
    emit(s.data(), s.size());
    trace_[i] = surface;
    prev_ = next;
    nosp_ = false;
  }
  return flushBytes();
}

/** The buffered residue bytes, decoded. They always hold whole characters here; anything else is not handled. */
bool WordEncoder::Worker::flushBytes() {
  if (bytes_.empty()) return true;
  if (findInvalidUtf8(bytes_.data(), bytes_.size()) >= 0) return false;
  decoded_.clear();
  for (size_t i = 0; i < bytes_.size();) {
    uint32_t cp;
    i += static_cast<size_t>(decodeUtf8(bytes_.data(), i, &cp));
    appendUtf16(decoded_, cp);
  }
  bytes_.clear();
  emit(decoded_.data(), decoded_.size());
  return true;
}

/** Appends s to the output; letters and marks join the word (`left`), anything else ends it. */
void WordEncoder::Worker::emit(const char16_t* s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t cp = s[i];
    size_t len = 1;
    if (isHigh(s[i]) && i + 1 < n && isLow(s[i + 1])) {
      cp = 0x10000 + ((s[i] - 0xd800) << 10) + (s[i + 1] - 0xdc00);
      len = 2;
    }
    if (letterOrMark(cp)) {
      for (size_t k = i; k < i + len; k++)
        if (we_.isVowelUnit_[s[k]]) word_.vowel = s[k];
      word_.last = cp;
    } else {
      word_ = Ctx{};
    }
    out_.append(s + i, len);
    lastOut_ = cp;
    i += len;
  }
}

/** A word-start token: unless glued on by <nosp>, the word ends and an implied space may come. */
void WordEncoder::Worker::wordStart() {
  if (nosp_) return;
  word_ = Ctx{};
  if (rootTrigger(lastOut_)) {
    static const char16_t space = u' ';
    emit(&space, 1);
  }
}

/** decoder.ts surfaceAt: the folded surface (a string index) token j produces after `left`. */
int32_t WordEncoder::Worker::surfaceAt(size_t j, Ctx left, int32_t depth) {
  const int32_t id = ids_[j];
  switch (s_.kind[id]) {
    case kEntryRootAlt:
    case kEntryVariant:
      return s_.ref[id];
    case kEntryRoot: {
      const int32_t r = s_.ref[id];
      const uint32_t from = s_.rootCandStart[r], to = s_.rootCandStart[r + 1];
      if (to - from == 1) return s_.rootCands[from];  // no alternants: the citation
      return consistent(&s_.rootCands[from], to - from, j, left, depth, [&](int32_t next) { return decideRoot(r, left, next); });
    }
    case kEntryGroup: {
      const int32_t g = s_.ref[id];
      if (!s_.groupUsesNext[g]) return decideGroup(g, left, -1);
      const uint32_t from = s_.groupVarStart[g], to = s_.groupVarStart[g + 1];
      return consistent(&s_.groupVariants[from], to - from, j, left, depth, [&](int32_t next) { return decideGroup(g, left, next); });
    }
    default:
      return -1;
  }
}

/**
 * decoder.ts consistent: the shortest self-consistent candidate (ties in code-unit order), else the decision
 * with the look-ahead after the first candidate.
 */
template <class Decide>
int32_t WordEncoder::Worker::consistent(const int32_t* cands, size_t count, size_t j, Ctx left, int32_t depth, const Decide& decide) {
  if (depth >= kLookahead) return decide(-1);
  int32_t best = -1;
  for (size_t k = 0; k < count; k++) {
    const int32_t c = cands[k];
    if (best >= 0) {
      const std::u16string& cs = s_.strings[c];
      const std::u16string& bs = s_.strings[best];
      if (cs.size() > bs.size() || (cs.size() == bs.size() && cs.compare(bs) >= 0)) continue;
    }
    if (decide(peek(j + 1, plus(left, c), depth + 1)) == c) best = c;
  }
  return best >= 0 ? best : decide(peek(j + 1, plus(left, cands[0]), depth + 1));
}

/** decoder.ts peek: the first code point token j adds to the current word, or -1 when the word ends before it. */
int32_t WordEncoder::Worker::peek(size_t j, Ctx left, int32_t depth) {
  if (j >= ids_.size()) return -1;
  const int32_t id = ids_[j];
  const uint8_t k = s_.kind[id];
  const bool afterPrefix = j > 0 && isPrefixEntry(ids_[j - 1]);
  bool continues = false;
  if (k == kEntryGroup || k == kEntryVariant) {
    continues = !s_.prefix[id] || afterPrefix;
  } else if (k == kEntryRoot || k == kEntryRootAlt) {
    continues = afterPrefix;
  } else if (k == kEntryBpe) {
    // The first character of the bytes of this and the following byte tokens, read from at most 4 bytes.
    uint8_t buf[4];
    size_t got = 0;
    for (size_t t = j; t < ids_.size() && got < 4; t++) {
      if (s_.kind[ids_[t]] != kEntryBpe) break;
      for (char b : s_.bpeBytes[s_.ref[ids_[t]]]) {
        if (got == 4) break;
        buf[got++] = static_cast<uint8_t>(b);
      }
    }
    const int32_t cp = firstCodePointLenient(buf, got);
    return letterOrMark(cp) ? cp : -1;
  }
  if (!continues) return -1;
  const int32_t s = surfaceAt(j, left, depth);
  return s < 0 ? -1 : we_.firstCp_[s];
}

/** A shared root id: the one alternant whose conditions hold (one of its `whens`), else the citation. */
int32_t WordEncoder::Worker::decideRoot(int32_t r, Ctx left, int32_t next) const {
  const uint32_t from = s_.rootCandStart[r], to = s_.rootCandStart[r + 1];
  int32_t found = -1;
  for (uint32_t k = from + 1; k < to; k++) {
    bool any = false;
    for (uint32_t c = s_.altCondStart[k]; c < s_.altCondStart[k + 1] && !any; c++) any = holds(s_.altCond[c], left, next);
    if (!any) continue;
    if (found >= 0) return s_.rootCands[from];
    found = s_.rootCands[k];
  }
  return found >= 0 ? found : s_.rootCands[from];
}

/**
 * A shared group id: Allomorphy.predict (the rules when exactly one distinct variant qualifies, then the table:
 * full key, last vowel, last character, majority), else the variant first in code-unit order.
 */
int32_t WordEncoder::Worker::decideGroup(int32_t g, Ctx left, int32_t next) const {
  int32_t found = -1;
  for (uint32_t k = s_.groupRuleStart[g]; k < s_.groupRuleStart[g + 1]; k++) {
    const int32_t v = s_.ruleVariant[k];
    if (v == found) continue;
    if (!holds(s_.ruleCond[k], left, next)) continue;
    if (found >= 0) {
      found = -1;  // two variants qualify: the rules decide nothing
      break;
    }
    found = v;
  }
  if (found >= 0) return found;
  if (s_.groupHasTable[g]) {
    const auto& t = s_.table;
    auto it = t.find(WordEncoderSpec::tableKey(g, 0, left.vowel, left.last));
    if (it == t.end()) it = t.find(WordEncoderSpec::tableKey(g, 1, left.vowel, -1));
    if (it == t.end()) it = t.find(WordEncoderSpec::tableKey(g, 2, -1, left.last));
    if (it != t.end()) return it->second;
    if (s_.groupMajority[g] >= 0) return s_.groupMajority[g];
  }
  return s_.groupFallback[g];
}

/** context.ts holds. */
bool WordEncoder::Worker::holds(int32_t cond, Ctx left, int32_t next) const {
  const WordCondition& c = s_.conds[cond];
  if (c.lastVowel.present && (left.vowel < 0 || !inRef(we_.maskOf(left.vowel), c.lastVowel))) return false;
  if (c.lastChar.present && (left.last < 0 || !inRef(we_.maskOf(left.last), c.lastChar))) return false;
  if (c.nextIsEnd >= 0 && (c.nextIsEnd == 1) != (next < 0)) return false;
  if (c.next.present && (next < 0 || !inRef(we_.maskOf(next), c.next))) return false;
  return true;
}

}  // namespace tokstudio
