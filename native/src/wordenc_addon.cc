// Node-API face of the hybrid word encoder (wordenc.h): `new WordEncoder(analyzer, spec)` and
// `encodeMany(text, lens, carry, threads = 1, given?)`. The spec is built by main/core/native/wordEncoder.ts; every
// array is checked for type, length and index range here, so a malformed spec throws a JavaScript error
// instead of reading out of bounds. The encoder keeps its analyzer's JavaScript object alive.
#include <napi.h>

#include <memory>
#include <stdexcept>

#include "analyze_addon.h"
#include "spec_reader.h"
#include "wordenc.h"
#include "wordenc_addon.h"

namespace tokstudio {
namespace {

constexpr size_t kCondWidth = 16;   // 3 x (present, need lo/hi, forbid lo/hi), nextIsEnd + 1
constexpr size_t kTableWidth = 5;   // group, level, vowel unit or -1, code point or -1, answer

class WordEncoderWrap : public Napi::ObjectWrap<WordEncoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "WordEncoder", {InstanceMethod("encodeMany", &WordEncoderWrap::EncodeMany)});
  }

  WordEncoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<WordEncoderWrap>(info) {
    Napi::Env env = info.Env();
    Analyzer* an = AnalyzerOf(info[0]);
    if (an == nullptr) throw Napi::TypeError::New(env, "the word encoder needs a native Analyzer");
    if (!info[1].IsObject()) throw Napi::TypeError::New(env, "word encoder spec must be an object");
    Napi::Object o = info[1].As<Napi::Object>();
    SpecReader r(env, o, "word encoder spec");
    WordEncoderSpec s;

    Napi::Value text = o.Get("strText");
    if (!text.IsString()) r.fail("strText must be a string");
    const std::u16string all = text.As<Napi::String>().Utf16Value();
    {
      size_t at = 0;
      for (uint32_t len : r.u32("strLens")) {
        if (len > all.size() - at) r.fail("strLens do not fit strText");
        s.strings.emplace_back(all, at, len);
        at += len;
      }
      if (at != all.size()) r.fail("strLens do not cover strText");
    }
    const int32_t S = static_cast<int32_t>(s.strings.size());

    s.kind = r.u8("kind");
    const size_t V = s.kind.size();
    if (V > static_cast<size_t>(INT32_MAX)) r.fail("kind is too long");
    s.ref = r.i32("ref", V);
    s.prefix = r.u8("prefix", V);
    s.nospId = r.count("nospId", 0, static_cast<int32_t>(V) - 1);
    if (s.kind[s.nospId] != kEntryNosp) r.fail("nospId is not the <nosp> marker");

    s.rootCands = r.i32("rootCands");
    s.rootCandStart = r.offsets("rootCandStart", s.rootCands.size());
    r.range(s.rootCands, 0, S, "rootCands");
    const int32_t R = static_cast<int32_t>(s.rootCandStart.size()) - 1;
    for (int32_t i = 0; i < R; i++)
      if (s.rootCandStart[i + 1] == s.rootCandStart[i]) r.fail("a root has no candidates");
    s.altCond = r.i32("altCond");
    s.altCondStart = r.offsets("altCondStart", s.altCond.size());
    if (s.altCondStart.size() != s.rootCands.size() + 1) r.fail("altCondStart has the wrong length");

    s.groupUsesNext = r.u8("groupUsesNext");
    const size_t G = s.groupUsesNext.size();
    s.groupFallback = r.i32("groupFallback", G);
    r.range(s.groupFallback, 0, S, "groupFallback");
    s.groupVariants = r.i32("groupVariants");
    r.range(s.groupVariants, 0, S, "groupVariants");
    s.groupVarStart = r.offsets("groupVarStart", s.groupVariants.size());
    if (s.groupVarStart.size() != G + 1) r.fail("groupVarStart has the wrong length");
    for (size_t g = 0; g < G; g++)
      if (s.groupVarStart[g + 1] == s.groupVarStart[g]) r.fail("a group has no variants");
    s.ruleVariant = r.i32("ruleVariant");
    r.range(s.ruleVariant, 0, S, "ruleVariant");
    s.ruleCond = r.i32("ruleCond", s.ruleVariant.size());
    s.groupRuleStart = r.offsets("groupRuleStart", s.ruleVariant.size());
    if (s.groupRuleStart.size() != G + 1) r.fail("groupRuleStart has the wrong length");
    s.groupHasTable = r.u8("groupHasTable", G);
    s.groupMajority = r.i32("groupMajority", G);
    r.range(s.groupMajority, -1, S, "groupMajority");
    std::vector<int32_t> tables = r.i32("tables");
    if (tables.size() % kTableWidth != 0) r.fail("tables must hold whole entries");
    for (size_t at = 0; at < tables.size(); at += kTableWidth) {
      const int32_t g = tables[at], level = tables[at + 1], vowel = tables[at + 2], cp = tables[at + 3], answer = tables[at + 4];
      if (g < 0 || static_cast<size_t>(g) >= G || level < 0 || level > 2 || vowel < -1 || vowel > 0xffff || cp < -1 || cp > 0x10ffff || answer < 0 || answer >= S)
        r.fail("a table entry is out of range");
      s.table[WordEncoderSpec::tableKey(g, level, vowel, cp)] = answer;
    }

    std::vector<uint32_t> conds = r.u32("conds");
    if (conds.size() % kCondWidth != 0) r.fail("conds must hold whole conditions");
    for (size_t at = 0; at < conds.size(); at += kCondWidth) {
      if (conds[at + 15] > 2) r.fail("a condition's nextIsEnd is not 0, 1 or 2");
      WordCondition c;
      c.lastVowel = refAt(conds, at);
      c.lastChar = refAt(conds, at + 5);
      c.next = refAt(conds, at + 10);
      c.nextIsEnd = static_cast<int8_t>(static_cast<int32_t>(conds[at + 15]) - 1);
      s.conds.push_back(c);
    }
    const int32_t C = static_cast<int32_t>(s.conds.size());
    r.range(s.altCond, 0, C, "altCond");
    r.range(s.ruleCond, 0, C, "ruleCond");

    std::vector<int32_t> cps = r.i32("classCodePoints");
    std::vector<uint32_t> lo = r.u32("classMaskLo", cps.size()), hi = r.u32("classMaskHi", cps.size());
    for (size_t i = 0; i < cps.size(); i++) {
      if (cps[i] < 0 || cps[i] > 0x10ffff) r.fail("classCodePoints holds a value that is not a code point");
      s.classMask[cps[i]] |= (static_cast<uint64_t>(hi[i]) << 32) | lo[i];
    }
    for (uint32_t u : r.u32("contextVowels")) {
      if (u > 0xffff) r.fail("contextVowels must be UTF-16 code units");
      s.contextVowels.push_back(static_cast<uint16_t>(u));
    }

    // The analyzer's root and affix entries (what its analyses refer to) -> vocabulary ids.
    const AnalyzerSpec& as = an->spec();
    s.rootShared = r.i32("rootShared", as.rootSurface.size());
    s.rootExplicit = r.i32("rootExplicit", as.rootSurface.size());
    s.affixShared = r.i32("affixShared", as.affixSurface.size());
    s.affixExplicit = r.i32("affixExplicit", as.affixSurface.size());
    for (const auto* v : {&s.rootShared, &s.rootExplicit, &s.affixShared, &s.affixExplicit}) r.range(*v, -1, static_cast<int32_t>(V), "an entry's id");

    // The residue BPE.
    std::vector<uint32_t> bpeLens = r.u32("bpeLens");
    const size_t B = bpeLens.size();
    s.bpeBase = r.count("bpeBase", 0, static_cast<int32_t>(V));
    if (static_cast<size_t>(s.bpeBase) + B > V) r.fail("the BPE tokens do not fit the vocabulary");
    std::vector<uint8_t> bytes = r.u8("bpeBytes");
    {
      size_t at = 0;
      for (uint32_t len : bpeLens) {
        if (len > bytes.size() - at) r.fail("bpeLens do not fit bpeBytes");
        s.bpeBytes.emplace_back(reinterpret_cast<const char*>(bytes.data() + at), len);
        at += len;
      }
      if (at != bytes.size()) r.fail("bpeLens do not cover bpeBytes");
    }
    std::vector<uint32_t> byteIds = r.u32("bpeByteIds", 256);
    r.range(byteIds, static_cast<uint32_t>(B), "bpeByteIds");
    std::copy(byteIds.begin(), byteIds.end(), s.bpe.byteIds);
    s.bpe.left = r.u32("bpeLeft");
    s.bpe.right = r.u32("bpeRight", s.bpe.left.size());
    s.bpe.result = r.u32("bpeResult", s.bpe.left.size());
    r.range(s.bpe.left, static_cast<uint32_t>(B), "bpeLeft");
    r.range(s.bpe.right, static_cast<uint32_t>(B), "bpeRight");
    r.range(s.bpe.result, static_cast<uint32_t>(B), "bpeResult");

    // Per-id references, by kind.
    for (size_t id = 0; id < V; id++) {
      const int32_t x = s.ref[id];
      switch (s.kind[id]) {
        case kEntryOther:
        case kEntryNosp:
          break;
        case kEntryRoot:
          if (x < 0 || x >= R) r.fail("a root id refers to no root");
          break;
        case kEntryRootAlt:
        case kEntryVariant:
          if (x < 0 || x >= S) r.fail("an alternant or variant id refers to no string");
          break;
        case kEntryGroup:
          if (x < 0 || static_cast<size_t>(x) >= G) r.fail("a group id refers to no group");
          break;
        case kEntryBpe:
          if (static_cast<int64_t>(x) != static_cast<int64_t>(id) - s.bpeBase || x < 0 || static_cast<size_t>(x) >= B) r.fail("a BPE id refers to no BPE token");
          break;
        default:
          r.fail("kind holds an unknown kind");
      }
    }
    for (size_t i = 0; i < B; i++)
      if (s.kind[static_cast<size_t>(s.bpeBase) + i] != kEntryBpe) r.fail("the ids from bpeBase on must be BPE tokens");

    try {
      enc_ = std::make_unique<WordEncoder>(*an, std::move(s));
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, std::string("word encoder spec: ") + e.what());
    }
    analyzerRef_ = Napi::Persistent(info[0].As<Napi::Object>());
  }

 private:
  /**
   * encodeMany(text, lens: Uint32Array, carry: Uint8Array, threads = 1, given?: Int32Array) -> Int32Array: the
   * words back to back; per word flags (0 not handled, 1 handled, 3 handled and starting with a morph), piece
   * count, then 4 ints per piece (id, start, end, shared). `given`: per word either 0 (analyse it here) or one
   * analysis in the analyzer's packed form (1, residue, morph count, per morph kind, start, end, entry, state;
   * the end state), e.g. the trainer's own.
   */
  Napi::Value EncodeMany(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
    if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) throw Napi::TypeError::New(env, "lens must be a Uint32Array");
    if (!info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) throw Napi::TypeError::New(env, "carry must be a Uint8Array");
    unsigned threads = 1;
    if (info.Length() > 3 && !info[3].IsUndefined()) {
      if (!info[3].IsNumber()) throw Napi::TypeError::New(env, "threads must be a number");
      double td = info[3].As<Napi::Number>().DoubleValue();
      if (!(td >= 1 && td <= 256) || td != static_cast<double>(static_cast<int32_t>(td))) throw Napi::RangeError::New(env, "threads must be an integer from 1 to 256");
      threads = static_cast<unsigned>(td);
    }
    const std::u16string text = info[0].As<Napi::String>().Utf16Value();
    Napi::Uint32Array lens = info[1].As<Napi::Uint32Array>();
    Napi::Uint8Array carry = info[2].As<Napi::Uint8Array>();
    const size_t words = lens.ElementLength();
    if (carry.ElementLength() != words) throw Napi::RangeError::New(env, "carry and lens differ in length");
    size_t total = 0;
    for (size_t i = 0; i < words; i++) {
      if (lens[i] > text.size() - total) throw Napi::RangeError::New(env, "lens exceed the text");
      total += lens[i];
    }
    if (total != text.size()) throw Napi::RangeError::New(env, "lens do not cover the text");
    const int32_t* given = nullptr;
    std::vector<size_t> givenAt;
    if (info.Length() > 4 && !info[4].IsUndefined()) {
      if (!info[4].IsTypedArray() || info[4].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) throw Napi::TypeError::New(env, "given must be an Int32Array");
      Napi::Int32Array g = info[4].As<Napi::Int32Array>();
      given = g.Data();
      givenAt = givenOffsets(env, given, g.ElementLength(), lens.Data(), words);
    }
    std::vector<int32_t> out;
    enc_->encodeMany(text.data(), lens.Data(), carry.Data(), given, given ? givenAt.data() : nullptr, words, threads, out);
    Napi::Int32Array a = Napi::Int32Array::New(env, out.size());
    std::copy(out.begin(), out.end(), a.Data());
    return a;
  }

  /** Where each word's given analysis starts, checked: whole records, kinds known, spans inside the word, entries in range. */
  std::vector<size_t> givenOffsets(Napi::Env env, const int32_t* g, size_t n, const uint32_t* lens, size_t words) const {
    const WordEncoderSpec& s = enc_->spec();
    std::vector<size_t> at(words);
    size_t p = 0;
    auto bad = [&]() { return Napi::RangeError::New(env, "given does not hold one well-formed analysis or 0 per word"); };
    for (size_t i = 0; i < words; i++) {
      at[i] = p;
      if (p >= n) throw bad();
      const int32_t count = g[p++];
      if (count == 0) continue;
      if (count != 1 || n - p < 2) throw bad();
      const int32_t m = g[p + 1];
      p += 2;
      if (m < 1 || static_cast<size_t>(m) > (n - p) / 5) throw bad();
      for (int32_t j = 0; j < m; j++, p += 5) {
        const int32_t kind = g[p], start = g[p + 1], end = g[p + 2], ref = g[p + 3];
        if (kind < kPrefix || kind > kResidue || start < 0 || start > end || static_cast<uint32_t>(end) > lens[i]) throw bad();
        const size_t entries = kind == kRoot ? s.rootShared.size() : kind == kResidue ? SIZE_MAX : s.affixShared.size();
        if (entries != SIZE_MAX && (ref < 0 || static_cast<size_t>(ref) >= entries)) throw bad();
      }
      if (p >= n) throw bad();
      p++;  // the end state
    }
    if (p != n) throw bad();
    return at;
  }

  std::unique_ptr<WordEncoder> enc_;
  Napi::ObjectReference analyzerRef_;
};

}  // namespace

Napi::Function DefineWordEncoderClass(Napi::Env env) { return WordEncoderWrap::Define(env); }

}  // namespace tokstudio
