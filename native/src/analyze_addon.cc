// Node-API face of the hybrid analyzer (analyze.h): `new Analyzer(spec)`, `setScores`, `analyzeMany`, `countBest`,
// `residuePass`. The spec is built by main/core/native/analyze.ts; every array is checked for type, length and
// index range here, so a malformed spec throws a JavaScript error instead of reading out of bounds.
#include <napi.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "analyze.h"
#include "analyze_addon.h"
#include "napi_out.h"
#include "spec_reader.h"

namespace tokstudio {
namespace {

constexpr size_t kRuleWidth = 18;  // group, variant, 3 x (present, need lo/hi, forbid lo/hi), nextIsEnd + 1

// Marks the objects this class wraps, so AnalyzerOf never unwraps another class's object as an analyzer.
constexpr napi_type_tag kAnalyzerTag = {0x7a1d3c5e9b2f4a61ull, 0x86c4e0d2f1a3b597ull};

/**
 * The affix scores of a spec: `affixLp` (states x groups), or with `affixSparse` the unigram scores per group and
 * the transition rows' entries (`affixStates`, `affixGroups`, `affixValues`; each (state, group) at most once).
 */
AffixScores affixScores(SpecReader& r, size_t states, int32_t groups) {
  AffixScores a;
  a.sparse = r.flag("affixSparse");
  if (!a.sparse) {
    a.dense = r.f64("affixLp", states * static_cast<size_t>(groups));
    return a;
  }
  a.unigram = r.f64("affixUnigram", static_cast<size_t>(groups));
  std::vector<uint32_t> st = r.u32("affixStates");
  std::vector<uint32_t> gr = r.u32("affixGroups", st.size());
  a.values = r.f64("affixValues", st.size());
  r.range(st, static_cast<uint32_t>(states), "affixStates");
  r.range(gr, static_cast<uint32_t>(groups), "affixGroups");
  a.index.reserve(st.size());
  for (size_t i = 0; i < st.size(); i++) {
    const uint64_t key = static_cast<uint64_t>(st[i]) * static_cast<uint64_t>(groups) + gr[i];
    if (a.index.insert(key, static_cast<uint32_t>(i)) != i) r.fail("affixStates/affixGroups name a (state, group) twice");
  }
  return a;
}

class AnalyzerWrap : public Napi::ObjectWrap<AnalyzerWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Analyzer",
                       {InstanceMethod("setScores", &AnalyzerWrap::SetScores), InstanceMethod("analyzeMany", &AnalyzerWrap::AnalyzeMany),
                        InstanceMethod("countBest", &AnalyzerWrap::CountBest), InstanceMethod("residuePass", &AnalyzerWrap::ResiduePass)});
  }

  AnalyzerWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<AnalyzerWrap>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) throw Napi::TypeError::New(env, "analyzer spec must be an object");
    SpecReader r(env, info[0].As<Napi::Object>(), "analyzer spec");
    AnalyzerSpec s;
    s.states = r.count("states", 2, 1 << 15);
    s.groups = r.count("groups", 0, 1 << 24);
    const size_t S = static_cast<size_t>(s.states);
    s.rootSurface = r.strings("rootText", "rootLens");
    const size_t R = s.rootSurface.size();
    s.rootCitation = r.i32("rootCitation", R);
    s.rootPos = r.i32("rootPos", R);
    s.rootLabel = r.i32("rootLabel", R);
    s.affixSurface = r.strings("affixText", "affixLens");
    const size_t A = s.affixSurface.size();
    s.affixIsPrefix = r.u8("affixIsPrefix", A);
    s.affixGroup = r.i32("affixGroup", A);
    s.affixClass = r.i32("affixClass", A);
    s.affixLabel = r.i32("affixLabel", A);
    s.affixVariant = r.i32("affixVariant", A);
    s.residueLabel = r.count("residueLabel", 0, INT32_MAX);
    s.hasEdges = r.flag("hasEdges");
    s.allowed = r.u8("allowed", S * S);
    s.edge = r.u8("edge", S * S);
    s.canEnd = r.u8("canEnd", S);
    s.hasVowelTest = r.flag("hasVowelTest");
    for (uint32_t u : r.u32("vowelUnits")) s.vowelUnits.push_back(static_cast<uint16_t>(u));
    for (uint32_t u : r.u32("contextVowels")) s.contextVowels.push_back(static_cast<uint16_t>(u));
    std::vector<int32_t> cps = r.i32("classCodePoints");
    std::vector<uint32_t> lo = r.u32("classMaskLo", cps.size()), hi = r.u32("classMaskHi", cps.size());
    for (size_t i = 0; i < cps.size(); i++) {
      if (cps[i] < 0 || cps[i] > 0x10ffff) r.fail("classCodePoints holds a value that is not a code point");
      s.classMask[cps[i]] |= (static_cast<uint64_t>(hi[i]) << 32) | lo[i];
    }
    s.rootLp = r.f64("rootLp");
    s.affix = affixScores(r, S, s.groups);
    r.range(s.rootCitation, 0, static_cast<int32_t>(s.rootLp.size()), "rootCitation");
    r.range(s.rootPos, 0, s.states, "rootPos");
    r.range(s.affixGroup, 0, s.groups, "affixGroup");
    r.range(s.affixClass, 0, s.states, "affixClass");
    for (uint32_t u : r.u32("vowelUnits"))
      if (u > 0xffff) r.fail("vowelUnits must be UTF-16 code units");
    for (uint32_t u : r.u32("contextVowels"))
      if (u > 0xffff) r.fail("contextVowels must be UTF-16 code units");
    std::vector<uint32_t> rules = r.u32("rules");
    if (rules.size() % kRuleWidth != 0) r.fail("rules must hold whole rules");
    s.groupRules.resize(static_cast<size_t>(s.groups));
    for (size_t at = 0; at < rules.size(); at += kRuleWidth) {
      if (rules[at] >= static_cast<uint32_t>(s.groups)) r.fail("a rule names a group out of range");
      if (rules[at + 17] > 2) r.fail("a rule's nextIsEnd is not 0, 1 or 2");
      AllomorphRuleSpec rule;
      rule.variant = static_cast<int32_t>(rules[at + 1]);
      rule.lastVowel = refAt(rules, at + 2);
      rule.lastChar = refAt(rules, at + 7);
      rule.next = refAt(rules, at + 12);
      rule.nextIsEnd = static_cast<int8_t>(static_cast<int32_t>(rules[at + 17]) - 1);
      s.groupRules[rules[at]].push_back(rule);
    }
    an_ = std::make_unique<Analyzer>(std::move(s));
    info.This().As<Napi::Object>().TypeTag(&kAnalyzerTag);
  }

  Analyzer* analyzer() const { return an_.get(); }

 private:
  Napi::Value SetScores(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) throw Napi::TypeError::New(env, "scores must be an object");
    SpecReader r(env, info[0].As<Napi::Object>(), "analyzer spec");
    const AnalyzerSpec& s = an_->spec();
    std::vector<double> rootLp = r.f64("rootLp", s.rootLp.size());
    an_->setScores(std::move(rootLp), affixScores(r, static_cast<size_t>(s.states), s.groups));
    reportMemory(env);
    return env.Undefined();
  }

  /**
   * analyzeMany(text, lens, k, threads = 1) -> { data: Int32Array, logp: Float64Array }: the words packed back to back;
   * per word its number of analyses, then per analysis residue, morph count, 5 ints per morph (kind, start,
   * end, ref, state before), the end state. logp: one per analysis, in the same order.
   */
  /** Words packed back to back (text, lens) checked against each other; threads from argument `ti`. */
  struct Words {
    std::u16string text;
    Napi::Uint32Array lens;
    unsigned threads = 1;
  };
  static Words wordsArg(const Napi::CallbackInfo& info, size_t ti) {
    Napi::Env env = info.Env();
    if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
    if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) throw Napi::TypeError::New(env, "lens must be a Uint32Array");
    Words w{info[0].As<Napi::String>().Utf16Value(), info[1].As<Napi::Uint32Array>(), 1};
    if (info.Length() > ti && !info[ti].IsUndefined()) {
      if (!info[ti].IsNumber()) throw Napi::TypeError::New(env, "threads must be a number");
      double td = info[ti].As<Napi::Number>().DoubleValue();
      if (!(td >= 1 && td <= 256) || td != static_cast<double>(static_cast<int32_t>(td))) throw Napi::RangeError::New(env, "threads must be an integer from 1 to 256");
      w.threads = static_cast<unsigned>(td);
    }
    size_t total = 0;
    for (size_t i = 0; i < w.lens.ElementLength(); i++) {
      if (w.lens[i] > w.text.size() - total) throw Napi::RangeError::New(env, "lens exceed the text");
      total += w.lens[i];
    }
    if (total != w.text.size()) throw Napi::RangeError::New(env, "lens do not cover the text");
    return w;
  }

  /**
   * analyzeMany(text, lens, k, threads = 1) -> { data: Int32Array, logp: Float64Array }: the words packed back
   * to back; per word its number of analyses, then per analysis residue, morph count, 5 ints per morph (kind,
   * start, end, ref, state before), the end state. logp: one per analysis, in the same order.
   */
  Napi::Value AnalyzeMany(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[2].IsNumber()) throw Napi::TypeError::New(env, "k must be a number");
    double kd = info[2].As<Napi::Number>().DoubleValue();
    if (!(kd >= 1 && kd <= 1000) || kd != static_cast<double>(static_cast<int32_t>(kd))) throw Napi::RangeError::New(env, "k must be an integer from 1 to 1000");
    Words w = wordsArg(info, 3);
    std::vector<int32_t> data;
    std::vector<double> logp;
    an_->analyzeMany(w.text.data(), w.lens.Data(), w.lens.ElementLength(), static_cast<int32_t>(kd), w.threads, data, logp);
    Napi::Int32Array d = Napi::Int32Array::New(env, data.size());
    std::copy(data.begin(), data.end(), d.Data());
    Napi::Object r = Napi::Object::New(env);
    r.Set("data", d);
    r.Set("logp", typedCopy<Napi::Float64Array>(env, logp));
    return r;
  }

  /**
   * countBest(text, lens, weights: Float64Array, threads = 1) -> { roots, groups, pairIndex, pairCount, totals }
   * (Float64Arrays, see analyze.h; the transitions as the indices state * groups + group that occurred, ascending,
   * and their counts).
   */
  Napi::Value CountBest(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) throw Napi::TypeError::New(env, "weights must be a Float64Array");
    Napi::Float64Array weights = info[2].As<Napi::Float64Array>();
    Words w = wordsArg(info, 3);
    if (weights.ElementLength() != w.lens.ElementLength()) throw Napi::RangeError::New(env, "weights and lens differ in length");
    const AnalyzerSpec& s = an_->spec();
    std::vector<double> roots(s.rootLp.size(), 0), groups(static_cast<size_t>(s.groups), 0), totals(static_cast<size_t>(s.states), 0);
    std::unordered_map<uint64_t, double> pairs;
    an_->countBest(w.text.data(), w.lens.Data(), weights.Data(), w.lens.ElementLength(), w.threads, roots, groups, pairs, totals);
    // The transitions that occurred, by index state * groups + group, ascending.
    std::vector<std::pair<uint64_t, double>> sorted(pairs.begin(), pairs.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> pairIndex, pairCount;
    for (const auto& [key, n] : sorted) {
      if (n == 0) continue;
      pairIndex.push_back(static_cast<double>(key));
      pairCount.push_back(n);
    }
    Napi::Object r = Napi::Object::New(env);
    r.Set("roots", typedCopy<Napi::Float64Array>(env, roots));
    r.Set("groups", typedCopy<Napi::Float64Array>(env, groups));
    r.Set("pairIndex", typedCopy<Napi::Float64Array>(env, pairIndex));
    r.Set("pairCount", typedCopy<Napi::Float64Array>(env, pairCount));
    r.Set("totals", typedCopy<Napi::Float64Array>(env, totals));
    return r;
  }

  static Napi::Float64Array weightsArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
    if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
      throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a Float64Array");
    return info[i].As<Napi::Float64Array>();
  }

  /**
   * residuePass(text, lens, lead: Float64Array, inner: Float64Array, threads = 1) -> { coveredWeight, coveredTypes,
   * affixes: Int32Array (4 per observation: group, vowel unit or -1, the last code point's first and second unit
   * or -1), affixText, affixLens, affixWeights, residueText, residueLens, residueWeights } (see analyze.h).
   */
  Napi::Value ResiduePass(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Float64Array lead = weightsArg(info, 2, "lead");
    Napi::Float64Array inner = weightsArg(info, 3, "inner");
    Words w = wordsArg(info, 4);
    if (lead.ElementLength() != w.lens.ElementLength() || inner.ElementLength() != w.lens.ElementLength())
      throw Napi::RangeError::New(env, "lead, inner and lens differ in length");
    ResiduePassOut out;
    an_->residuePass(w.text.data(), w.lens.Data(), lead.Data(), inner.Data(), w.lens.ElementLength(), w.threads, out);
    reportMemory(env);
    Napi::Int32Array affixes = Napi::Int32Array::New(env, out.affixKeys.size());
    std::copy(out.affixKeys.begin(), out.affixKeys.end(), affixes.Data());
    Napi::Object r = Napi::Object::New(env);
    r.Set("coveredWeight", Napi::Number::New(env, out.coveredWeight));
    r.Set("coveredTypes", Napi::Number::New(env, out.coveredTypes));
    r.Set("affixes", affixes);
    r.Set("affixText", string16(env, out.affixText));
    r.Set("affixLens", typedCopy<Napi::Uint32Array>(env, out.affixLens));
    r.Set("affixWeights", typedCopy<Napi::Float64Array>(env, out.affixWeights));
    r.Set("residueText", string16(env, out.residueText));
    r.Set("residueLens", typedCopy<Napi::Uint32Array>(env, out.residueLens));
    r.Set("residueWeights", typedCopy<Napi::Float64Array>(env, out.residueWeights));
    return r;
  }

  /** Tells the engine how much the remembered analyses have grown or shrunk since the last report. */
  void reportMemory(Napi::Env env) {
    const int64_t now = static_cast<int64_t>(an_->memoBytes());
    if (now != reported_) Napi::MemoryManagement::AdjustExternalMemory(env, now - reported_);
    reported_ = now;
  }

  void Finalize(Napi::Env env) override {
    if (reported_ != 0) Napi::MemoryManagement::AdjustExternalMemory(env, -reported_);
    reported_ = 0;
  }

  std::unique_ptr<Analyzer> an_;
  int64_t reported_ = 0;  // bytes reported with AdjustExternalMemory
};

}  // namespace

Napi::Function DefineAnalyzerClass(Napi::Env env) { return AnalyzerWrap::Define(env); }

Analyzer* AnalyzerOf(Napi::Value v) {
  if (!v.IsObject() || !v.As<Napi::Object>().CheckTypeTag(&kAnalyzerTag)) return nullptr;
  AnalyzerWrap* w = AnalyzerWrap::Unwrap(v.As<Napi::Object>());
  return w != nullptr ? w->analyzer() : nullptr;
}

}  // namespace tokstudio
