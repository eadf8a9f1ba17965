// Node-API face of the hybrid word encoder (wordenc.h): `new WordEncoder(analyzer, spec)` and
// `encodeMany(text, lens, carry, threads = 1, given?)`. The spec is built by main/core/native/wordEncoder.ts; every
// array is checked for type, length and index range here, so a malformed spec throws a JavaScript error
// instead of reading out of bounds. The encoder keeps its analyzer's JavaScript object alive.
#include <napi.h>

#include <memory>
#include <stdexcept>

#include "analyze_addon.h"
#include "napi_out.h"
#include "spec_reader.h"
#include "tally.h"
#include "textenc.h"
#include "wordenc.h"
#include "wordenc_addon.h"

namespace tokstudio {
namespace {

constexpr size_t kCondWidth = 16;   // 3 x (present, need lo/hi, forbid lo/hi), nextIsEnd + 1
constexpr size_t kTableWidth = 5;   // group, level, vowel unit or -1, code point or -1, answer

/** Throws a TypeError with `what` unless v is a typed array of this type. */
void expectTyped(Napi::Env env, const Napi::Value& v, napi_typedarray_type type, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) throw Napi::TypeError::New(env, what);
}

/** Throws a RangeError unless the words' lengths add up to the text's. */
void expectLensCover(Napi::Env env, const std::u16string& text, const uint32_t* lens, size_t words) {
  size_t total = 0;
  for (size_t i = 0; i < words; i++) {
    if (lens[i] > text.size() - total) throw Napi::RangeError::New(env, "lens exceed the text");
    total += lens[i];
  }
  if (total != text.size()) throw Napi::RangeError::New(env, "lens do not cover the text");
}

class WordEncoderWrap : public Napi::ObjectWrap<WordEncoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "WordEncoder",
                       {InstanceMethod("encodeMany", &WordEncoderWrap::EncodeMany), InstanceMethod("setupText", &WordEncoderWrap::SetupText),
                        InstanceMethod("encodeText", &WordEncoderWrap::EncodeText), InstanceMethod("putWords", &WordEncoderWrap::PutWords),
                        InstanceMethod("giveAnalyses", &WordEncoderWrap::GiveAnalyses), InstanceMethod("putCases", &WordEncoderWrap::PutCases),
                        InstanceMethod("textCounts", &WordEncoderWrap::TextCounts), InstanceMethod("startTally", &WordEncoderWrap::StartTally),
                        InstanceMethod("tallyWords", &WordEncoderWrap::TallyWords),
                        InstanceMethod("tallyNext", &WordEncoderWrap::TallyNext), InstanceMethod("takeTally", &WordEncoderWrap::TakeTally)});
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
    expectTyped(env, info[1], napi_uint32_array, "lens must be a Uint32Array");
    expectTyped(env, info[2], napi_uint8_array, "carry must be a Uint8Array");
    unsigned threads = 1;
    if (info.Length() > 3 && !info[3].IsUndefined()) threads = threadsArg(env, info[3]);
    const std::u16string text = info[0].As<Napi::String>().Utf16Value();
    Napi::Uint32Array lens = info[1].As<Napi::Uint32Array>();
    Napi::Uint8Array carry = info[2].As<Napi::Uint8Array>();
    const size_t words = lens.ElementLength();
    if (carry.ElementLength() != words) throw Napi::RangeError::New(env, "carry and lens differ in length");
    expectLensCover(env, text, lens.Data(), words);
    const int32_t* given = nullptr;
    std::vector<size_t> givenAt;
    if (info.Length() > 4 && !info[4].IsUndefined()) {
      expectTyped(env, info[4], napi_int32_array, "given must be an Int32Array");
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

  /**
   * setupText(spec): the text encoder over this word encoder (textenc.h). spec: specialText/specialLens (the
   * special tokens back to back, config order), specialIds, markers [cap, caps, capsrun, nosp], whitespace (ids
   * of runs of 1..k spaces, k = MAX_SPACE_RUN, then LF, CR, TAB, CRLF), singleDigits, digitIds (1,110: one-,
   * two-, three-digit strings by value, -1 where the model has none), caseMode (-1 no case markers, 0 root
   * mapping, 1 dotted I).
   */
  Napi::Value SetupText(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) throw Napi::TypeError::New(env, "text encoder spec must be an object");
    Napi::Object o = info[0].As<Napi::Object>();
    SpecReader r(env, o, "text encoder spec");
    const int32_t V = static_cast<int32_t>(enc_->spec().kind.size());
    TextEncoderSpec t;
    t.specials = r.strings("specialText", "specialLens");
    t.specialIds = r.i32("specialIds", t.specials.size());
    r.range(t.specialIds, 0, V, "specialIds");
    std::vector<int32_t> markers = r.i32("markers", 4);
    r.range(markers, 0, V, "markers");
    t.cap = markers[0];
    t.caps = markers[1];
    t.capsrun = markers[2];
    t.nosp = markers[3];
    // Runs of 1..k spaces, then LF, CR, TAB, CRLF.
    std::vector<int32_t> ws = r.i32("whitespace");
    if (ws.size() < 5) r.fail("whitespace must hold the ids of space runs from one space, then LF, CR, TAB and CRLF");
    r.range(ws, 0, V, "whitespace");
    const size_t runs = ws.size() - 4;
    t.spaces.assign(1, -1);
    t.spaces.insert(t.spaces.end(), ws.begin(), ws.begin() + runs);
    t.newline = ws[runs];
    t.cr = ws[runs + 1];
    t.tab = ws[runs + 2];
    t.crlf = ws[runs + 3];
    t.singleDigits = r.flag("singleDigits");
    t.digitIds = r.i32("digitIds", 1110);
    r.range(t.digitIds, -1, V, "digitIds");
    for (size_t i = 0; i < (t.singleDigits ? 10u : 1110u); i++)
      if (t.digitIds[i] < 0) r.fail("digitIds lacks a digit string the model's digit mode uses");
    const int32_t mode = r.count("caseMode", -1, 1);
    t.caseMode = static_cast<CaseMode>(mode);
    text_ = std::make_unique<TextEncoder>(*enc_, std::move(t));
    return env.Undefined();
  }

  /**
   * encodeText(text, threads = 1) -> Int32Array (id, start, end, shared, byteStart, byteEnd per token) |
   * {status: 1, words: string[], carry: Uint8Array} (folded words to build and put first) | {status: 2, words:
   * string[]} (word units whose case to give with putCases first). The text must hold no lone surrogate (checked).
   */
  Napi::Value EncodeText(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    const unsigned threads = info.Length() > 1 && !info[1].IsUndefined() ? threadsArg(env, info[1]) : 1;
    const std::u16string text = wellFormedText(env, info[0]);
    std::vector<TextToken> out;
    std::vector<std::pair<std::u16string, bool>> missing;
    std::vector<std::u16string> cases;
    const TextEncoder::Status st = text_->encode(text.data(), text.size(), threads, out, missing, cases);
    reportMemory(env);
    if (st != TextEncoder::kDone) return asks(env, st, missing, cases);
    // The common answer is just the tokens (building an object per call would cost as much as a short text).
    Napi::Int32Array a = Napi::Int32Array::New(env, out.size() * 6);
    int32_t* d = a.Data();
    for (const TextToken& t : out) {
      *d++ = t.id;
      *d++ = t.start;
      *d++ = t.end;
      *d++ = t.shared;
      *d++ = t.byteStart;
      *d++ = t.byteEnd;
    }
    return a;
  }

  /** startTally(flags: Uint8Array): a new tally (tally.h), flags per vocabulary id (1 sampled, 2 sharable). */
  Napi::Value StartTally(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    expectTyped(env, info[0], napi_uint8_array, "flags must be a Uint8Array");
    Napi::Uint8Array f = info[0].As<Napi::Uint8Array>();
    if (f.ElementLength() != enc_->spec().kind.size()) throw Napi::RangeError::New(env, "flags must hold one entry per vocabulary id");
    tally_ = std::make_unique<TokenTally>(std::vector<uint8_t>(f.Data(), f.Data() + f.ElementLength()));
    return env.Undefined();
  }

  /**
   * tallyWords(text, lens: Uint32Array, weights: Float64Array, alone: Uint8Array, chunk): the words the tally
   * measures (back to back in text), each as "a " + word, in calls of up to `chunk` words (a word with alone[i] = 1
   * in a call of its own). Every word must be well-formed UTF-16 on its own (checked).
   */
  Napi::Value TallyWords(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!tally_) throw Napi::Error::New(env, "startTally was not called");
    if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
    std::u16string text = info[0].As<Napi::String>().Utf16Value();
    expectTyped(env, info[1], napi_uint32_array, "lens must be a Uint32Array");
    expectTyped(env, info[2], napi_float64_array, "weights must be a Float64Array");
    expectTyped(env, info[3], napi_uint8_array, "alone must be a Uint8Array");
    Napi::Uint32Array lens = info[1].As<Napi::Uint32Array>();
    Napi::Float64Array weights = info[2].As<Napi::Float64Array>();
    Napi::Uint8Array alone = info[3].As<Napi::Uint8Array>();
    const size_t words = lens.ElementLength();
    if (weights.ElementLength() != words || alone.ElementLength() != words) throw Napi::RangeError::New(env, "lens, weights and alone differ in length");
    expectLensCover(env, text, lens.Data(), words);
    // Each word on its own (two words could pair a high and a low surrogate across their boundary).
    for (size_t i = 0, at = 0; i < words; at += lens[i++]) {
      const size_t bad = loneSurrogateAt(text.data() + at, lens[i]);
      if (bad < lens[i]) throw Napi::RangeError::New(env, "word " + std::to_string(i) + " holds a lone surrogate at offset " + std::to_string(bad));
    }
    if (!info[4].IsNumber()) throw Napi::TypeError::New(env, "chunk must be a number");
    const double chunk = info[4].As<Napi::Number>().DoubleValue();
    if (!(chunk >= 1 && chunk <= 1 << 20) || chunk != static_cast<double>(static_cast<int32_t>(chunk))) throw Napi::RangeError::New(env, "chunk must be an integer from 1 to 2^20");
    tally_->setWords(std::move(text), std::vector<uint32_t>(lens.Data(), lens.Data() + words), std::vector<double>(weights.Data(), weights.Data() + words),
                     std::vector<uint8_t>(alone.Data(), alone.Data() + words), static_cast<size_t>(chunk));
    reportMemory(env);
    return env.Undefined();
  }

  /**
   * tallyNext(threads) -> the number of words tallied so far after one more call's worth, or what encodeText asks
   * first (then nothing is added: call again).
   */
  Napi::Value TallyNext(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!tally_) throw Napi::Error::New(env, "startTally was not called");
    const unsigned threads = threadsArg(env, info[0]);
    std::u16string text;
    std::vector<int32_t> aStart, wordEnd;
    const size_t end = tally_->nextCall(text, aStart, wordEnd);
    if (end > tally_->done()) {
      std::vector<TextToken> out;
      std::vector<std::pair<std::u16string, bool>> missing;
      std::vector<std::u16string> cases;
      const TextEncoder::Status st = text_->encode(text.data(), text.size(), threads, out, missing, cases);
      if (st == TextEncoder::kDone) tally_->add(text.data(), out, aStart, wordEnd, end);
      reportMemory(env);
      if (st != TextEncoder::kDone) return asks(env, st, missing, cases);
    }
    return Napi::Number::New(env, static_cast<double>(tally_->done()));
  }

  /**
   * takeTally() -> {tokens, sharable, shared, ids: Int32Array, partial: Uint8Array, text, lens: Uint32Array,
   * counts: Float64Array}: the tally's totals and samples (first seen first), and the tally is dropped.
   */
  Napi::Value TakeTally(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!tally_) throw Napi::Error::New(env, "startTally was not called");
    const TokenTally& t = *tally_;
    Napi::Object res = Napi::Object::New(env);
    res.Set("tokens", t.tokenTotal);
    res.Set("sharable", t.sharable);
    res.Set("shared", t.shared);
    res.Set("ids", typedCopy<Napi::Int32Array>(env, t.ids));
    res.Set("partial", typedCopy<Napi::Uint8Array>(env, t.partial));
    res.Set("text", string16(env, t.texts));
    res.Set("lens", typedCopy<Napi::Uint32Array>(env, t.lens));
    res.Set("counts", typedCopy<Napi::Float64Array>(env, t.counts));
    tally_.reset();
    reportMemory(env);
    return res;
  }

  /** A string argument as UTF-16, checked to hold no lone surrogate. */
  static std::u16string wellFormedText(Napi::Env env, const Napi::Value& v) {
    if (!v.IsString()) throw Napi::TypeError::New(env, "text must be a string");
    std::u16string text = v.As<Napi::String>().Utf16Value();
    const size_t bad = loneSurrogateAt(text.data(), text.size());
    if (bad < text.size()) throw Napi::RangeError::New(env, "text holds a lone surrogate at offset " + std::to_string(bad));
    return text;
  }

  /** What the text encoder asks before it can encode: {status: 1, words, carry} or {status: 2, words}. */
  static Napi::Object asks(Napi::Env env, TextEncoder::Status st, const std::vector<std::pair<std::u16string, bool>>& missing,
                           const std::vector<std::u16string>& cases) {
    Napi::Object res = Napi::Object::New(env);
    res.Set("status", static_cast<double>(st));
    if (st == TextEncoder::kMissing) {
      Napi::Array words = Napi::Array::New(env, missing.size());
      Napi::Uint8Array carry = Napi::Uint8Array::New(env, missing.size());
      for (size_t i = 0; i < missing.size(); i++) {
        words.Set(static_cast<uint32_t>(i), string16(env, missing[i].first));
        carry[i] = missing[i].second ? 1 : 0;
      }
      res.Set("words", words);
      res.Set("carry", carry);
    } else {
      Napi::Array words = Napi::Array::New(env, cases.size());
      for (size_t i = 0; i < cases.size(); i++) words.Set(static_cast<uint32_t>(i), string16(env, cases[i]));
      res.Set("words", words);
    }
    return res;
  }

  /**
   * putWords(text, lens, carry, startsWithMorph: Uint8Array, data: Int32Array): encodings the reference built,
   * per word the piece count then 6 ints per piece (id, start, end, shared, byteStart, byteEnd), offsets relative
   * to the word (-1 = the carried space; byteStart/byteEnd -1 for whole characters).
   */
  Napi::Value PutWords(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
    expectTyped(env, info[1], napi_uint32_array, "lens must be a Uint32Array");
    expectTyped(env, info[2], napi_uint8_array, "carry must be a Uint8Array");
    expectTyped(env, info[3], napi_uint8_array, "startsWithMorph must be a Uint8Array");
    expectTyped(env, info[4], napi_int32_array, "data must be an Int32Array");
    const std::u16string text = info[0].As<Napi::String>().Utf16Value();
    Napi::Uint32Array lens = info[1].As<Napi::Uint32Array>();
    Napi::Uint8Array carry = info[2].As<Napi::Uint8Array>(), morph = info[3].As<Napi::Uint8Array>();
    Napi::Int32Array data = info[4].As<Napi::Int32Array>();
    const size_t words = lens.ElementLength();
    if (carry.ElementLength() != words || morph.ElementLength() != words) throw Napi::RangeError::New(env, "carry, startsWithMorph and lens differ in length");
    const int32_t V = static_cast<int32_t>(enc_->spec().kind.size());
    const size_t n = data.ElementLength();
    // Everything is checked before anything is cached.
    std::vector<std::pair<std::u16string, std::vector<TextToken>>> got;
    size_t off = 0, p = 0;
    for (size_t i = 0; i < words; i++) {
      if (lens[i] > text.size() - off) throw Napi::RangeError::New(env, "lens exceed the text");
      const int32_t len = static_cast<int32_t>(lens[i]);
      if (p >= n) throw Napi::RangeError::New(env, "data ends early");
      const int32_t count = data[p++];
      if (count < 0 || static_cast<size_t>(count) > (n - p) / 6) throw Napi::RangeError::New(env, "data holds a bad piece count");
      std::vector<TextToken> pieces;
      for (int32_t q = 0; q < count; q++, p += 6) {
        TextToken t{data[p], data[p + 1], data[p + 2], data[p + 3], data[p + 4], data[p + 5]};
        if (t.id < 0 || t.id >= V || t.start < -1 || t.start > t.end || t.end > len || (t.shared != 0 && t.shared != 1) || t.byteStart < -1 ||
            t.byteEnd < t.byteStart || (t.byteStart < 0) != (t.byteEnd < 0))
          throw Napi::RangeError::New(env, "data holds a piece out of range");
        pieces.push_back(t);
      }
      got.emplace_back(std::u16string(text, off, lens[i]), std::move(pieces));
      off += lens[i];
    }
    if (off != text.size()) throw Napi::RangeError::New(env, "lens do not cover the text");
    if (p != n) throw Napi::RangeError::New(env, "data holds more than the words' pieces");
    for (size_t i = 0; i < words; i++) text_->put(got[i].first, carry[i] != 0, morph[i] != 0, std::move(got[i].second));
    reportMemory(env);
    return env.Undefined();
  }

  /**
   * giveAnalyses(text, lens, given: Int32Array, refused: Uint8Array): the analyses the text encoder encodes these
   * folded words with (as encodeMany's `given`: per word 0, none, or one packed analysis); refused[i] = 1: word i
   * has one the addon cannot take, and goes to the reference.
   */
  Napi::Value GiveAnalyses(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
    expectTyped(env, info[1], napi_uint32_array, "lens must be a Uint32Array");
    expectTyped(env, info[2], napi_int32_array, "given must be an Int32Array");
    expectTyped(env, info[3], napi_uint8_array, "refused must be a Uint8Array");
    const std::u16string text = info[0].As<Napi::String>().Utf16Value();
    Napi::Uint32Array lens = info[1].As<Napi::Uint32Array>();
    Napi::Int32Array g = info[2].As<Napi::Int32Array>();
    Napi::Uint8Array refused = info[3].As<Napi::Uint8Array>();
    const size_t words = lens.ElementLength();
    if (refused.ElementLength() != words) throw Napi::RangeError::New(env, "refused and lens differ in length");
    expectLensCover(env, text, lens.Data(), words);
    const std::vector<size_t> at = givenOffsets(env, g.Data(), g.ElementLength(), lens.Data(), words);
    size_t off = 0;
    for (size_t i = 0; i < words; i++) {
      std::u16string w(text, off, lens[i]);
      off += lens[i];
      const size_t from = at[i], to = i + 1 < words ? at[i + 1] : g.ElementLength();
      if (refused[i] != 0) text_->give(w, {});
      else if (g[from] != 0) text_->give(w, std::vector<int32_t>(g.Data() + from, g.Data() + to));
    }
    return env.Undefined();
  }

  /**
   * putCases(words: string[], cls: Uint8Array (0 lower, 1 capitalised, 2 all caps, 3 mixed), folded: string[],
   * upper: Uint8Array): the reference casing's answers for word units the table cannot fold (textenc.h putCase).
   */
  Napi::Value PutCases(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    if (!info[0].IsArray() || !info[2].IsArray()) throw Napi::TypeError::New(env, "words and folded must be arrays of strings");
    expectTyped(env, info[1], napi_uint8_array, "cls must be a Uint8Array");
    expectTyped(env, info[3], napi_uint8_array, "upper must be a Uint8Array");
    Napi::Array words = info[0].As<Napi::Array>(), folded = info[2].As<Napi::Array>();
    Napi::Uint8Array cls = info[1].As<Napi::Uint8Array>(), upper = info[3].As<Napi::Uint8Array>();
    const uint32_t n = words.Length();
    if (folded.Length() != n || cls.ElementLength() != n || upper.ElementLength() != n) throw Napi::RangeError::New(env, "words, cls, folded and upper differ in length");
    std::vector<std::pair<std::u16string, std::u16string>> got;
    for (uint32_t i = 0; i < n; i++) {
      Napi::Value w = words.Get(i), f = folded.Get(i);
      if (!w.IsString() || !f.IsString()) throw Napi::TypeError::New(env, "words and folded must be arrays of strings");
      got.emplace_back(w.As<Napi::String>().Utf16Value(), f.As<Napi::String>().Utf16Value());
      if (cls[i] > 3) throw Napi::RangeError::New(env, "cls holds a value that is not a case class");
      // The encoder lines folded and original text up unit for unit.
      if ((cls[i] == 1 || cls[i] == 2) && got.back().second.size() != got.back().first.size()) throw Napi::RangeError::New(env, "a folded word differs in length from its word");
    }
    for (uint32_t i = 0; i < n; i++) text_->putCase(got[i].first, static_cast<CaseClass>(cls[i]), std::move(got[i].second), upper[i] != 0);
    reportMemory(env);
    return env.Undefined();
  }

  /** textCounts() -> {handled, notHandled}: words the text encoder's word encoder encoded / left, over every call. */
  Napi::Value TextCounts(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!text_) throw Napi::Error::New(env, "setupText was not called");
    Napi::Object res = Napi::Object::New(env);
    res.Set("handled", static_cast<double>(text_->handled));
    res.Set("notHandled", static_cast<double>(text_->notHandled));
    return res;
  }

  /** Tells the engine how much the text encoder's caches have grown or shrunk since the last report. */
  void reportMemory(Napi::Env env) {
    const int64_t now = static_cast<int64_t>(text_->approxBytes() + (tally_ ? tally_->approxBytes() : 0));
    if (now != reported_) Napi::MemoryManagement::AdjustExternalMemory(env, now - reported_);
    reported_ = now;
  }

  void Finalize(Napi::Env env) override {
    if (reported_ != 0) Napi::MemoryManagement::AdjustExternalMemory(env, -reported_);
    reported_ = 0;
  }

  static unsigned threadsArg(Napi::Env env, Napi::Value v) {
    if (!v.IsNumber()) throw Napi::TypeError::New(env, "threads must be a number");
    double td = v.As<Napi::Number>().DoubleValue();
    if (!(td >= 1 && td <= 256) || td != static_cast<double>(static_cast<int32_t>(td))) throw Napi::RangeError::New(env, "threads must be an integer from 1 to 256");
    return static_cast<unsigned>(td);
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
  std::unique_ptr<TextEncoder> text_;  // declared after enc_: destroyed first
  std::unique_ptr<TokenTally> tally_;
  int64_t reported_ = 0;  // bytes reported with AdjustExternalMemory
  Napi::ObjectReference analyzerRef_;
};

}  // namespace

Napi::Function DefineWordEncoderClass(Napi::Env env) { return WordEncoderWrap::Define(env); }

}  // namespace tokstudio
