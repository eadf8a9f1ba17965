// See textenc.h. TextEncoder::encode follows HybridTokenizer.encodeInto (codec.ts) step for step; the comments
// name the reference's rule where the two must agree.
#include "textenc.h"

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "triggers.h"

namespace tokstudio {
namespace {

constexpr size_t kCacheLimit = 200000;  // codec.ts CACHE_LIMIT (both caches together)
constexpr size_t kResidueCacheMaxLen = 256;  // codec.ts RESIDUE_CACHE_MAX_LEN

/** The code point ending at pos and the one before it, read inside [max(0, pos - 4), pos) (codePointsBefore). */
void codePointsBefore(const char16_t* text, int32_t pos, int32_t* before, int32_t* last) {
  *before = *last = -1;
  const int32_t lo = std::max(0, pos - 4);
  auto startOf = [&](int32_t end) {
    const char16_t c = text[end - 1];
    if (c >= 0xdc00 && c <= 0xdfff && end - 2 >= lo && text[end - 2] >= 0xd800 && text[end - 2] <= 0xdbff) return end - 2;
    return end - 1;
  };
  auto cpAt = [&](int32_t s, int32_t e) {
    return e - s == 2 ? 0x10000 + ((text[s] - 0xd800) << 10) + (text[s + 1] - 0xdc00) : static_cast<int32_t>(text[s]);
  };
  if (pos <= lo) return;
  const int32_t s = startOf(pos);
  *last = cpAt(s, pos);
  if (s <= lo) return;
  *before = cpAt(startOf(s), s);
}

bool rootTriggerBefore(const char16_t* text, int32_t pos) {
  int32_t b, l;
  codePointsBefore(text, pos, &b, &l);
  return rootTrigger(l);
}

bool digitTriggerBefore(const char16_t* text, int32_t pos) {
  int32_t b, l;
  codePointsBefore(text, pos, &b, &l);
  return digitTrigger(b, l);
}

}  // namespace

TextEncoder::TextEncoder(WordEncoder& encoder, TextEncoderSpec spec) : encoder_(encoder), spec_(std::move(spec)), bpe_(encoder.spec().bpe) {
  isFirst_.assign(0x10000, 0);
  for (size_t i = 0; i < spec_.specials.size(); i++) {
    byFirst_[spec_.specials[i][0]].push_back(static_cast<int32_t>(i));
    isFirst_[spec_.specials[i][0]] = 1;
  }
  for (auto& [first, list] : byFirst_)
    std::stable_sort(list.begin(), list.end(), [&](int32_t a, int32_t b) { return spec_.specials[a].size() > spec_.specials[b].size(); });
}

uint32_t TextEncoder::remember(const char16_t* w, size_t n, bool carry, const TextToken* pieces, size_t count, bool startsWithMorph) {
  // codec.ts remember: a word that starts with a morph has the same encoding with either carry.
  const EncRef ref{static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(count), startsWithMorph};
  pool_.insert(pool_.end(), pieces, pieces + count);
  uint32_t mine = 0;
  for (int c = 0; c < 2; c++) {
    if (c != static_cast<int>(carry) && !startsWithMorph) continue;
    bool added;
    const uint32_t i = words_[c].index.insert(w, n, &added);
    if (added) words_[c].encs.push_back(ref);
    if (c == static_cast<int>(carry)) mine = i;
  }
  return mine;
}

void TextEncoder::put(const std::u16string& folded, bool carry, bool startsWithMorph, std::vector<TextToken> pieces) {
  if (words_[carry].index.find(folded.data(), folded.size()) != U16Index::kMissing) return;
  remember(folded.data(), folded.size(), carry, pieces.data(), pieces.size(), startsWithMorph);
}

TextEncoder::EncRef TextEncoder::residue(const char16_t* s, size_t n) {
  const bool cache = n <= kResidueCacheMaxLen;
  if (cache) {
    const uint32_t hit = residueIndex_.find(s, n);
    if (hit != U16Index::kMissing) return residueEncs_[hit];
    if (residueIndex_.size() >= kCacheLimit) {
      residueIndex_.clear();
      residueEncs_.clear();
      residuePool_.clear();
    }
  }
  tokens_.clear();
  residueTokens(bpe_, s, n, scratch_, tokens_);  // the text is well-formed: it cannot refuse
  // Strings longer than codec.ts caches go to a scratch list (start marked with the top bit).
  std::vector<TextToken>& pool = cache ? residuePool_ : longResidue_;
  if (!cache) pool.clear();
  const EncRef ref{static_cast<uint32_t>(pool.size()) | (cache ? 0 : 0x80000000u), static_cast<uint32_t>(tokens_.size()), false};
  for (const ResidueToken& t : tokens_) pool.push_back(TextToken{encoder_.spec().bpeBase + t.id, t.start, t.end, 0, t.byteStart, t.byteEnd});
  if (cache) {
    bool added;
    residueIndex_.insert(s, n, &added);
    residueEncs_.push_back(ref);
  }
  return ref;
}

void TextEncoder::emitResidue(const char16_t* text, int32_t from, int32_t to, std::vector<TextToken>& out) {
  const EncRef ref = residue(text + from, static_cast<size_t>(to - from));
  const TextToken* p = (ref.start & 0x80000000u) ? longResidue_.data() + (ref.start & 0x7fffffffu) : residuePool_.data() + ref.start;
  for (uint32_t i = 0; i < ref.count; i++) out.push_back(TextToken{p[i].id, from + p[i].start, from + p[i].end, 0, p[i].byteStart, p[i].byteEnd});
}

// codec.ts whitespace(): CRLF, LF, CR, TAB, runs of up to MAX_SPACE_RUN spaces, other whitespace as residue.
void TextEncoder::emitWhitespace(const char16_t* text, const Unit& u, std::vector<TextToken>& out) {
  const int32_t maxSpaceRun = static_cast<int32_t>(spec_.spaces.size()) - 1;
  for (int32_t i = u.start; i < u.end;) {
    const char16_t c = text[i];
    if (c == u'\r' && i + 1 < u.end && text[i + 1] == u'\n') {
      out.push_back(TextToken{spec_.crlf, i, i + 2, 0, -1, -1});
      i += 2;
    } else if (c == u'\n' || c == u'\r' || c == u'\t') {
      out.push_back(TextToken{c == u'\n' ? spec_.newline : c == u'\r' ? spec_.cr : spec_.tab, i, i + 1, 0, -1, -1});
      i++;
    } else if (c == u' ') {
      int32_t j = i;
      while (j < u.end && text[j] == u' ' && j - i < maxSpaceRun) j++;
      out.push_back(TextToken{spec_.spaces[j - i], i, j, 0, -1, -1});
      i = j;
    } else {
      int32_t j = i;
      while (j < u.end && text[j] != u' ' && text[j] != u'\t' && text[j] != u'\r' && text[j] != u'\n') j++;
      emitResidue(text, i, j, out);
      i = j;
    }
  }
}

bool TextEncoder::upperOf(const char16_t* folded, size_t n, std::u16string& out, bool* special) const {
  out.clear();
  for (size_t i = 0; i < n;) {
    int w;
    const int32_t m = caseUpper(codePointAt(folded, i, n, &w), spec_.caseMode);
    if (m < 0) {
      *special = true;
      return false;
    }
    appendUtf16(out, static_cast<uint32_t>(m));
    i += w;
  }
  return true;
}

void TextEncoder::putCase(const std::u16string& word, CaseClass cls, std::u16string folded, bool upper) {
  if (cased_.size() >= kCacheLimit) cased_.clear();
  cased_[word] = CaseInfo{cls, std::move(folded), upper};
}

int32_t TextEncoder::digitId(const char16_t* s, size_t n) const {
  int32_t v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - u'0');
  return spec_.digitIds[n == 1 ? v : n == 2 ? 10 + v : 110 + v];
}

TextEncoder::Status TextEncoder::encode(const char16_t* text, size_t n, unsigned threads, std::vector<TextToken>& out,
                                        std::vector<std::pair<std::u16string, bool>>& missing, std::vector<std::u16string>& casesNeeded) {
  if (cachedWords() >= kCacheLimit) {
    for (WordCache& c : words_) {
      c.index.clear();
      c.encs.clear();
    }
    pool_.clear();
  }
  split(text, n);
  const bool anyCased = fold(text, casesNeeded);
  if (!casesNeeded.empty()) return kNeedCases;
  resolve(text, threads, missing);
  if (!missing.empty()) return kMissing;
  for (const Seg& seg : segs_) {
    if (seg.special >= 0) {
      out.push_back(TextToken{spec_.specialIds[seg.special], seg.start, seg.end, 0, -1, -1});
      continue;
    }
    if (anyCased) markRuns(text, seg);
    emit(text, seg, out);
  }
  return kDone;
}

bool TextEncoder::singleSpace(const char16_t* text, const Seg& seg, int64_t k) const {
  return k >= static_cast<int64_t>(seg.firstUnit) && k < static_cast<int64_t>(seg.endUnit) && units_[k].kind == kUnitSpace &&
         units_[k].end - units_[k].start == 1 && text[units_[k].start] == u' ';
}

// Special tokens, leftmost-longest (pretokenize.ts splitSpecials); then each plain segment's units (units.ts
// splitUnits, code points read inside the segment), back to back in units_ with segment bounds.
void TextEncoder::split(const char16_t* text, size_t n) {
  const int32_t N = static_cast<int32_t>(n);
  segs_.clear();
  units_.clear();
  auto addPlain = [&](int32_t from, int32_t to) {
    Seg seg{from, to, -1, units_.size(), 0};
    for (int32_t i = from; i < to;) {
      const int32_t start = i;
      int w;
      const UnitKind kind = unitKind(codePointAt(text, i, to, &w));
      i += w;
      while (i < to && unitKind(codePointAt(text, i, to, &w)) == kind) i += w;
      units_.push_back(Unit{kind, start, i});
    }
    seg.endUnit = units_.size();
    segs_.push_back(seg);
  };
  int32_t plain = 0;
  for (int32_t i = 0; i < N && !byFirst_.empty();) {
    int32_t hit = -1;
    if (!isFirst_[text[i]]) {
      i++;
      continue;
    }
    auto it = byFirst_.find(text[i]);
    if (it != byFirst_.end()) {
      for (int32_t c : it->second) {
        const std::u16string& s = spec_.specials[c];
        if (s.size() <= n - i && std::equal(s.begin(), s.end(), text + i)) {
          hit = c;
          break;
        }
      }
    }
    if (hit < 0) {
      i++;
      continue;
    }
    if (i > plain) addPlain(plain, i);
    const int32_t end = i + static_cast<int32_t>(spec_.specials[hit].size());
    segs_.push_back(Seg{i, end, hit, units_.size(), units_.size()});
    i = plain = end;
  }
  if (plain < N) addPlain(plain, N);
}

// Case classes and folded words (codec.ts foldWords). Returns whether any word is cased; words whose case needs a
// special mapping the reference has not answered yet go to needCase.
bool TextEncoder::fold(const char16_t* text, std::vector<std::u16string>& needCase) {
  plans_.assign(units_.size(), Plan{});
  fold_.clear();
  bool anyCased = false;
  for (const Seg& seg : segs_) {
    for (size_t k = seg.firstUnit; k < seg.endUnit; k++) {
      const Unit& u = units_[k];
      if (u.kind != kUnitWord) continue;
      Plan& p = plans_[k];
      p.carry = singleSpace(text, seg, static_cast<int64_t>(k) - 1);
      if (spec_.caseMode == CaseMode::None) {
        p.cls = kLowerCase;
        continue;
      }
      const char16_t* w = text + u.start;
      const size_t wn = static_cast<size_t>(u.end - u.start);
      p.cls = classify(w, wn, spec_.caseMode, lower_, upper_);
      if ((p.cls == kCapitalised || p.cls == kAllCaps) && lower_.size() != wn) p.cls = kMixed;  // keeps folded and original offsets aligned
      if (p.cls == kCapitalised || p.cls == kAllCaps) {
        p.foldedInText = false;
        p.foldOff = static_cast<uint32_t>(fold_.size());
        fold_ += lower_;
        // markRuns asks whether casing.upper(folded) gives the word back.
        bool special = false;
        p.upper = upperOf(lower_.data(), wn, upper_, &special) && upper_.size() == wn && std::equal(upper_.begin(), upper_.end(), w);
        if (special) p.cls = kFallback;
      }
      if (p.cls == kFallback) {
        // A mapping the table marks special: what the reference's casing says of this word, asked once.
        std::u16string key(w, wn);
        auto it = cased_.find(key);
        if (it == cased_.end()) {
          if (std::find(needCase.begin(), needCase.end(), key) == needCase.end()) needCase.push_back(std::move(key));
          continue;
        }
        p.cls = it->second.cls;
        p.upper = it->second.upper;
        p.foldedInText = !(p.cls == kCapitalised || p.cls == kAllCaps);
        if (!p.foldedInText) {
          p.foldOff = static_cast<uint32_t>(fold_.size());
          fold_ += it->second.folded;
        }
      }
      if (p.cls == kCapitalised || p.cls == kAllCaps) anyCased = true;
    }
  }
  return anyCased;
}

// The words' encodings: from the cache, else from the word encoder in one call (codec.ts encodeNative). Words it
// leaves go to `missing`.
void TextEncoder::resolve(const char16_t* text, unsigned threads, std::vector<std::pair<std::u16string, bool>>& missing) {
  std::u16string batch;
  std::vector<uint32_t> lens;
  std::vector<uint8_t> carries;
  std::vector<int32_t> givenBuf;
  std::vector<size_t> givenAt;
  bool anyGiven = false;
  U16Index& asked = asked_;  // the folded words not cached, each once whatever its carry
  if (asked.size() > 0) asked.clear();
  std::vector<std::pair<size_t, uint32_t>> waiting;  // plan, asked index
  for (size_t k = 0; k < plans_.size(); k++) {
    Plan& p = plans_[k];
    if (units_[k].kind != kUnitWord || p.cls == kMixed) continue;
    const char16_t* w = folded(text, k);
    const size_t wn = static_cast<size_t>(units_[k].end - units_[k].start);
    const uint32_t hit = words_[p.carry].index.find(w, wn);
    if (hit != U16Index::kMissing) {
      p.enc = static_cast<int32_t>(hit);
      continue;
    }
    bool added;
    waiting.emplace_back(k, asked.insert(w, wn, &added));
  }
  // The batch in the order the words come: one entry per distinct (word, carry).
  std::vector<std::pair<int64_t, int64_t>> entryOf(asked.size(), {-1, -1});  // per asked word: entry for carry 0, 1
  for (auto& [k, b] : waiting) {
    Plan& p = plans_[k];
    int64_t& e = p.carry ? entryOf[b].second : entryOf[b].first;
    if (e >= 0) continue;
    const char16_t* w = folded(text, k);
    const size_t wn = static_cast<size_t>(units_[k].end - units_[k].start);
    if (!given_.empty()) {
      auto g = given_.find(std::u16string(w, wn));
      if (g != given_.end() && g->second.empty()) {
        // A given analysis the addon cannot take: the reference builds the word with it.
        e = -2;
        notHandled++;
        missing.emplace_back(std::u16string(w, wn), p.carry);
        continue;
      }
      givenAt.push_back(givenBuf.size());
      if (g == given_.end()) {
        givenBuf.push_back(0);
      } else {
        givenBuf.insert(givenBuf.end(), g->second.begin(), g->second.end());
        anyGiven = true;
      }
    }
    e = static_cast<int64_t>(lens.size());
    batch.append(w, wn);
    lens.push_back(static_cast<uint32_t>(wn));
    carries.push_back(p.carry ? 1 : 0);
  }
  if (!lens.empty()) {
    std::vector<int32_t> data;
    encoder_.encodeMany(batch.data(), lens.data(), carries.data(), anyGiven ? givenBuf.data() : nullptr, anyGiven ? givenAt.data() : nullptr,
                        lens.size(), threads, data);
    std::vector<int32_t> encOf(lens.size(), -1);
    std::vector<TextToken> pieces;
    size_t pos = 0, off = 0;
    for (size_t i = 0; i < lens.size(); i++) {
      const int32_t flags = data[pos++], count = data[pos++];
      const char16_t* w = batch.data() + off;
      off += lens[i];
      const bool carry = carries[i] != 0;
      if (flags == 0) {
        notHandled++;
        missing.emplace_back(std::u16string(w, lens[i]), carry);
        continue;
      }
      handled++;
      pieces.clear();
      for (int32_t q = 0; q < count; q++, pos += 4) pieces.push_back(TextToken{data[pos], data[pos + 1], data[pos + 2], data[pos + 3], -1, -1});
      const uint32_t hit = words_[carry].index.find(w, lens[i]);
      encOf[i] = static_cast<int32_t>(hit != U16Index::kMissing ? hit : remember(w, lens[i], carry, pieces.data(), pieces.size(), flags == 3));
    }
    for (auto& [k, b] : waiting) {
      const int64_t e = plans_[k].carry ? entryOf[b].second : entryOf[b].first;
      if (e >= 0) plans_[k].enc = encOf[static_cast<size_t>(e)];
    }
  }
}

// <capsrun> runs (codec.ts markRuns).
void TextEncoder::markRuns(const char16_t* text, const Seg& seg) {
  const int64_t first = static_cast<int64_t>(seg.firstUnit), last = static_cast<int64_t>(seg.endUnit);
  auto up = [&](int64_t k) { return units_[k].kind == kUnitWord && plans_[k].upper; };
  for (int64_t k = first; k < last; k++) {
    if (!up(k)) continue;
    if (singleSpace(text, seg, k - 1) && !encOf(k).startsWithMorph) continue;
    int64_t j = k;
    while (j + 2 < last && singleSpace(text, seg, j + 1) && up(j + 2) && encOf(j + 2).startsWithMorph) j += 2;
    if (j == k) continue;
    plans_[k].runStart = true;
    for (int64_t m = k + 2; m <= j; m += 2) plans_[m].inRun = true;
    k = j;
  }
}

// The tokens of a plain segment (codec.ts encodeInto's unit loop).
void TextEncoder::emit(const char16_t* text, const Seg& seg, std::vector<TextToken>& out) {
  const int64_t first = static_cast<int64_t>(seg.firstUnit), last = static_cast<int64_t>(seg.endUnit);
  bool run = false;
  for (int64_t k = first; k < last; k++) {
    const Unit& u = units_[k];
    const bool prevSpace = singleSpace(text, seg, k - 1);
    if (u.kind == kUnitSpace) {
      const bool single = u.end - u.start == 1 && text[u.start] == u' ';
      if (single && k + 1 < last) continue;  // the next unit decides how the space is encoded
      emitWhitespace(text, u, out);
      run = false;
      continue;
    }
    const int32_t spaceAt = u.start - 1;
    if (u.kind == kUnitWord) {
      const Plan& plan = plans_[k];
      if (plan.cls == kMixed) {
        run = false;
        emitResidue(text, prevSpace ? spaceAt : u.start, u.end, out);
        continue;
      }
      const EncRef& e = encOf(k);
      const int32_t caseMarker = plan.runStart ? spec_.capsrun : plan.inRun ? -1 : plan.cls == kCapitalised ? spec_.cap : plan.cls == kAllCaps ? spec_.caps : -1;
      bool implied = false;
      if (e.startsWithMorph) {
        if (prevSpace) {
          // A word outside a still-active <capsrun> with no marker of its own would be upper-cased after an
          // implied space; an explicit space ends the run instead.
          implied = rootTriggerBefore(text, spaceAt) && !(run && caseMarker < 0 && !plan.inRun);
          if (!implied) out.push_back(TextToken{spec_.spaces[1], spaceAt, u.start, 0, -1, -1});
        } else if (rootTriggerBefore(text, u.start)) {
          out.push_back(TextToken{spec_.nosp, u.start, u.start, 0, -1, -1});
        }
      }
      if (caseMarker >= 0) out.push_back(TextToken{caseMarker, u.start, u.start, 0, -1, -1});
      for (uint32_t idx = 0; idx < e.count; idx++) {
        const TextToken& p = pool_[e.start + idx];
        out.push_back(TextToken{p.id, u.start + (idx == 0 && implied ? -1 : 0) + p.start, u.start + p.end, p.shared, p.byteStart, p.byteEnd});
      }
      // Mirrors the decoder: a run lives on through its member words and ends at anything else.
      run = plan.runStart || plan.inRun;
      continue;
    }
    if (u.kind == kUnitNumber) {
      bool ascii = true;
      for (int32_t q = u.start; q < u.end && ascii; q++) ascii = text[q] >= u'0' && text[q] <= u'9';
      if (ascii) {
        bool implied = false;
        if (prevSpace) {
          implied = digitTriggerBefore(text, spaceAt);
          if (!implied) out.push_back(TextToken{spec_.spaces[1], spaceAt, u.start, 0, -1, -1});
        } else if (digitTriggerBefore(text, u.start)) {
          out.push_back(TextToken{spec_.nosp, u.start, u.start, 0, -1, -1});
        }
        const int32_t len = u.end - u.start;
        int32_t at = u.start;
        for (int32_t g = spec_.singleDigits ? 1 : (len % 3 != 0 ? len % 3 : 3); at < u.end; g = spec_.singleDigits ? 1 : 3) {
          out.push_back(TextToken{digitId(text + at, static_cast<size_t>(g)), at == u.start && implied ? at - 1 : at, at + g, 0, -1, -1});
          at += g;
        }
        run = false;
        continue;
      }
    }
    // OTHER runs and non-ASCII numbers: residue bytes, carrying a single preceding space.
    emitResidue(text, prevSpace ? spaceAt : u.start, u.end, out);
    run = false;
  }
}

}  // namespace tokstudio
