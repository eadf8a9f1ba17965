// Node-API face of the units pass (units.h), called by main/core/native/units.ts. Every argument is checked
// here, so a malformed call throws a JavaScript error instead of reading out of bounds.
#include <napi.h>

#include <new>
#include <stdexcept>

#include "case_table.h"
#include "napi_out.h"
#include "units.h"
#include "units_addon.h"

namespace tokstudio {
namespace {

constexpr double kMaxSafe = 9007199254740991.0;  // Number.MAX_SAFE_INTEGER

template <class A>
A typedArg(const Napi::CallbackInfo& info, size_t i, napi_typedarray_type type, const char* what, const char* typeName) {
  Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a " + typeName);
  }
  return v.As<A>();
}

int32_t intArg(const Napi::CallbackInfo& info, size_t i, const char* what, int32_t lo, int32_t hi) {
  Napi::Value v = info[i];
  if (!v.IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi) || d != static_cast<double>(static_cast<int32_t>(d))) {
    throw Napi::RangeError::New(info.Env(), std::string(what) + " is out of range");
  }
  return static_cast<int32_t>(d);
}

/**
 * corpusUnits(text, lens: Uint32Array, counts: Float64Array, caseMode: -1 none | 0 root | 1 dotted) ->
 * { order, fallback, typeText, typeLens, typeLead, typeInner, residueText, residueLens, residueCounts, wordUnits }
 * (units.h). Counts must be positive whole numbers with sum(count × length) <= 2^53 - 1, so sums are exact.
 */
Napi::Value CorpusUnits(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "text must be a string");
  auto lens = typedArg<Napi::Uint32Array>(info, 1, napi_uint32_array, "lens", "Uint32Array");
  auto counts = typedArg<Napi::Float64Array>(info, 2, napi_float64_array, "counts", "Float64Array");
  const CaseMode mode = static_cast<CaseMode>(intArg(info, 3, "caseMode", -1, 1));
  const size_t n = lens.ElementLength();
  if (counts.ElementLength() != n) throw Napi::RangeError::New(env, "lens and counts differ in length");
  if (n > UINT32_MAX) throw Napi::RangeError::New(env, "too many words");
  std::u16string text = info[0].As<Napi::String>().Utf16Value();
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++) total += lens[i];
  if (total != text.size()) throw Napi::RangeError::New(env, "lens do not add up to the text length");
  // Every sum the pass makes is at most sum(count × length): below 2^53 it is exact whatever the order.
  uint64_t weight = 0;
  for (size_t i = 0; i < n; i++) {
    const double c = counts[i];
    if (!(c >= 1 && c <= kMaxSafe) || c != static_cast<double>(static_cast<int64_t>(c))) {
      throw Napi::RangeError::New(env, "counts must be positive whole numbers");
    }
    const uint64_t ci = static_cast<uint64_t>(c);
    const uint64_t room = static_cast<uint64_t>(kMaxSafe) - weight;
    if (lens[i] != 0 && ci > room / lens[i]) throw Napi::RangeError::New(env, "counts are too large to add up exactly");
    weight += ci * lens[i];
  }
  UnitsResult r;
  try {
    r = corpusUnits(text.data(), lens.Data(), counts.Data(), n, mode);
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(env, "out of memory in the units pass");
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string("units pass: ") + e.what());
  }
  // Strings are set as Napi::Value: Object::Set given a Napi::String converts it through UTF-8 (a lone surrogate
  // would come back as U+FFFD).
  Napi::Object o = Napi::Object::New(env);
  o.Set("order", typedCopy<Napi::Uint32Array>(env, r.order));
  o.Set("fallback", typedCopy<Napi::Uint32Array>(env, r.fallback));
  o.Set("typeText", string16(env, r.typeText));
  o.Set("typeLens", typedCopy<Napi::Uint32Array>(env, r.typeLens));
  o.Set("typeLead", typedCopy<Napi::Float64Array>(env, r.typeLead));
  o.Set("typeInner", typedCopy<Napi::Float64Array>(env, r.typeInner));
  o.Set("residueText", string16(env, r.residueText));
  o.Set("residueLens", typedCopy<Napi::Uint32Array>(env, r.residueLens));
  o.Set("residueCounts", typedCopy<Napi::Float64Array>(env, r.residueCounts));
  o.Set("wordUnits", Napi::Number::New(env, r.wordUnits));
  return o;
}

/** caseMappings(from, to, caseMode: 0 root | 1 dotted) -> Int32Array [lower, upper] per code point, -1 special. */
Napi::Value CaseMappings(const Napi::CallbackInfo& info) {
  const int32_t from = intArg(info, 0, "from", 0, 0x110000);
  const int32_t to = intArg(info, 1, "to", from, 0x110000);
  const CaseMode mode = static_cast<CaseMode>(intArg(info, 2, "caseMode", 0, 1));
  Napi::Int32Array a = Napi::Int32Array::New(info.Env(), 2 * static_cast<size_t>(to - from));
  for (int32_t cp = from; cp < to; cp++) {
    a[2 * static_cast<size_t>(cp - from)] = caseLower(static_cast<uint32_t>(cp), mode);
    a[2 * static_cast<size_t>(cp - from) + 1] = caseUpper(static_cast<uint32_t>(cp), mode);
  }
  return a;
}

/**
 * caseProbe() -> every letter or mark that is Cased or Case_Ignorable, alone and before U+0307, each sample
 * followed by '\n' (which no casing condition reads through): a language whose toLocaleLowerCase and
 * toLocaleUpperCase give the root mapping's result on it has no tailoring the units pass would miss.
 */
Napi::Value CaseProbe(const Napi::CallbackInfo& info) {
  std::u16string s;
  for (const auto& range : kCaseProbe) {
    for (uint32_t cp = range[0]; cp < range[1]; cp++) {
      for (int withDot = 0; withDot < 2; withDot++) {
        if (cp < 0x10000) {
          s.push_back(static_cast<char16_t>(cp));
        } else {
          s.push_back(static_cast<char16_t>(0xd800 + ((cp - 0x10000) >> 10)));
          s.push_back(static_cast<char16_t>(0xdc00 + ((cp - 0x10000) & 0x3ff)));
        }
        if (withDot) s.push_back(u'\u0307');
        s.push_back(u'\n');
      }
    }
  }
  return Napi::String::New(info.Env(), s);
}

}  // namespace

Napi::Object DefineUnits(Napi::Env env) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("corpusUnits", Napi::Function::New(env, CorpusUnits));
  o.Set("caseMappings", Napi::Function::New(env, CaseMappings));
  o.Set("caseProbe", Napi::Function::New(env, CaseProbe));
  return o;
}

}  // namespace tokstudio
