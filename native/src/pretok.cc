#include "pretok.h"

#include "unicode.h"

namespace tokstudio {
namespace {

struct View {
  const uint32_t* cp;
  const uint8_t* cls;
  size_t n;  // code points

  bool white(size_t j) const { return j < n && isWhite(cls[j]); }
  bool letter(size_t j) const { return j < n && isLetter(cls[j]); }
  bool number(size_t j) const { return j < n && isNumber(cls[j]); }
  /** [^\s\p{L}\p{N}] */
  bool other(size_t j) const { return j < n && !isWhite(cls[j]) && !isLetter(cls[j]) && !isNumber(cls[j]); }
  /** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] */
  bool upperish(size_t j) const {
    if (j >= n) return false;
    uint8_t g = generalOf(cls[j]);
    return g == kUpper || g == kLetterOther || g == kMark;
  }
  /** [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
  bool lowerish(size_t j) const {
    if (j >= n) return false;
    uint8_t g = generalOf(cls[j]);
    return g == kLower || g == kLetterOther || g == kMark;
  }
  bool is(size_t j, uint32_t c) const { return j < n && cp[j] == c; }
  bool crlf(size_t j) const { return j < n && (cp[j] == '\r' || cp[j] == '\n'); }

  template <class P>
  size_t run(size_t j, P pred) const {
    while (pred(j)) j++;
    return j;
  }

  /** \s+(?!\S)|\s+ at a white-space code point k. */
  size_t whiteRun(size_t k) const {
    size_t j = run(k, [this](size_t x) { return white(x); });
    if (j == n) return j;      // (?!\S) holds at the end
    if (j - 1 > k) return j - 1;  // give back one: the next code point is white space
    return j;                  // second alternative, \s+
  }
};

// ---------- GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+

size_t matchGpt2(const View& v, size_t k) {
  const uint32_t c = v.cp[k];
  if (c == '\'' && k + 1 < v.n) {
    uint32_t d = v.cp[k + 1];
    if (d == 's' || d == 't' || d == 'm' || d == 'd') return k + 2;
    if (d == 'r' && v.is(k + 2, 'e')) return k + 3;
    if (d == 'v' && v.is(k + 2, 'e')) return k + 3;
    if (d == 'l' && v.is(k + 2, 'l')) return k + 3;
  }
  if (c == ' ' && v.letter(k + 1)) return v.run(k + 1, [&](size_t x) { return v.letter(x); });
  if (v.letter(k)) return v.run(k, [&](size_t x) { return v.letter(x); });
  if (c == ' ' && v.number(k + 1)) return v.run(k + 1, [&](size_t x) { return v.number(x); });
  if (v.number(k)) return v.run(k, [&](size_t x) { return v.number(x); });
  if (c == ' ' && v.other(k + 1)) return v.run(k + 1, [&](size_t x) { return v.other(x); });
  if (v.other(k)) return v.run(k, [&](size_t x) { return v.other(x); });
  return v.whiteRun(k);  // every code point is a letter, number, other or white space
}

// ---------- GPT-4o (o200k_base), the seven alternatives of PRETOKENIZER_PRESETS.gpt4o

/** (?:'[sSſ]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])? */
size_t contraction(const View& v, size_t j) {
  if (!v.is(j, '\'') || j + 1 >= v.n) return j;
  uint32_t d = v.cp[j + 1];
  if (d == 's' || d == 'S' || d == 0x17f || d == 't' || d == 'T' || d == 'm' || d == 'M' || d == 'd' || d == 'D') return j + 2;
  if ((d == 'r' || d == 'R') && (v.is(j + 2, 'e') || v.is(j + 2, 'E'))) return j + 3;
  if ((d == 'v' || d == 'V') && (v.is(j + 2, 'e') || v.is(j + 2, 'E'))) return j + 3;
  if ((d == 'l' || d == 'L') && (v.is(j + 2, 'l') || v.is(j + 2, 'L'))) return j + 3;
  return j;
}

const size_t kFail = SIZE_MAX;

/** UPPERISH* LOWERISH+ C? from s: UPPERISH* gives back code points until a LOWERISH one follows. */
size_t lettersLowerTail(const View& v, size_t s) {
  size_t u = v.run(s, [&](size_t x) { return v.upperish(x); });
  size_t at;
  if (v.lowerish(u)) {
    at = u;
  } else {
    at = kFail;
    for (size_t j = u; j > s; j--) {
      if (v.lowerish(j - 1)) {
        at = j - 1;
        break;
      }
    }
    if (at == kFail) return kFail;
  }
  size_t e = v.run(at, [&](size_t x) { return v.lowerish(x); });
  return contraction(v, e);
}

/** UPPERISH+ LOWERISH* C? from s. */
size_t lettersUpperHead(const View& v, size_t s) {
  size_t u = v.run(s, [&](size_t x) { return v.upperish(x); });
  if (u == s) return kFail;
  size_t e = v.run(u, [&](size_t x) { return v.lowerish(x); });
  return contraction(v, e);
}

size_t matchGpt4o(const View& v, size_t k) {
  const uint32_t c = v.cp[k];
  // [^\r\n\p{L}\p{N}]? — tried taken first, then not taken.
  const bool prefix = c != '\r' && c != '\n' && !v.letter(k) && !v.number(k);
  size_t e;
  if (prefix && (e = lettersLowerTail(v, k + 1)) != kFail) return e;
  if ((e = lettersLowerTail(v, k)) != kFail) return e;
  if (prefix && (e = lettersUpperHead(v, k + 1)) != kFail) return e;
  if ((e = lettersUpperHead(v, k)) != kFail) return e;
  // \p{N}{1,3}
  if (v.number(k)) {
    size_t j = k + 1;
    while (j < k + 3 && v.number(j)) j++;
    return j;
  }
  // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
  size_t s = kFail;
  if (c == ' ' && v.other(k + 1)) s = k + 1;
  else if (v.other(k)) s = k;
  if (s != kFail) {
    size_t j = v.run(s, [&](size_t x) { return v.other(x); });
    return v.run(j, [&](size_t x) { return v.crlf(x) || v.is(x, '/'); });
  }
  // \s*[\r\n]+ : the white-space run gives back code points until the last \r or \n in it.
  size_t j = v.run(k, [&](size_t x) { return v.white(x); });
  for (size_t p = j; p > k; p--) {
    if (v.crlf(p - 1)) return p;
  }
  return v.whiteRun(k);
}

}  // namespace

void pretokenize(const uint8_t* s, size_t n, Preset preset, PretokScratch& sc, std::vector<uint32_t>& ends) {
  sc.cp.clear();
  sc.cls.clear();
  sc.off.clear();
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    int len = decodeUtf8(s, i, &cp);
    sc.cp.push_back(cp);
    sc.cls.push_back(uniClass(cp));
    sc.off.push_back(static_cast<uint32_t>(i));
    i += len;
  }
  sc.off.push_back(static_cast<uint32_t>(n));
  View v{sc.cp.data(), sc.cls.data(), sc.cp.size()};
  size_t k = 0;
  while (k < v.n) {
    size_t e = preset == Preset::Gpt2 ? matchGpt2(v, k) : matchGpt4o(v, k);
    if (e <= k) e = k + 1;  // never expected: each preset matches at every position
    ends.push_back(sc.off[e]);
    k = e;
  }
}

size_t utf16Length(const uint8_t* s, size_t n) {
  size_t units = 0;
  for (size_t i = 0; i < n; i++) {
    uint8_t b = s[i];
    if ((b & 0xc0) != 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

}  // namespace tokstudio
