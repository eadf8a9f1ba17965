// Reads a spec object from JavaScript for the Node-API faces (analyze_addon.cc, wordenc_addon.cc): every field
// is checked for type, length and index range, so a malformed spec throws a JavaScript TypeError naming the spec
// and the field instead of reading out of bounds.
#pragma once
#include <napi.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyze.h"

namespace tokstudio {

class SpecReader {
 public:
  /** `what` names the spec in error messages ("analyzer spec"). */
  SpecReader(Napi::Env env, Napi::Object o, const char* what) : env_(env), o_(o), what_(what) {}

  std::vector<int32_t> i32(const char* key, size_t expect = SIZE_MAX) { return typed<Napi::Int32Array, int32_t>(key, napi_int32_array, "Int32Array", expect); }
  std::vector<uint32_t> u32(const char* key, size_t expect = SIZE_MAX) { return typed<Napi::Uint32Array, uint32_t>(key, napi_uint32_array, "Uint32Array", expect); }
  std::vector<uint8_t> u8(const char* key, size_t expect = SIZE_MAX) { return typed<Napi::Uint8Array, uint8_t>(key, napi_uint8_array, "Uint8Array", expect); }
  std::vector<double> f64(const char* key, size_t expect = SIZE_MAX) { return typed<Napi::Float64Array, double>(key, napi_float64_array, "Float64Array", expect); }
  int32_t count(const char* key, int32_t lo, int32_t hi) {
    Napi::Value v = o_.Get(key);
    if (!v.IsNumber()) fail(std::string(key) + " must be a number");
    double d = v.As<Napi::Number>().DoubleValue();
    if (!(d >= lo && d <= hi) || d != static_cast<double>(static_cast<int32_t>(d))) fail(std::string(key) + " is out of range");
    return static_cast<int32_t>(d);
  }
  bool flag(const char* key) { return o_.Get(key).ToBoolean(); }
  /** Strings packed back to back in one JavaScript string, with their UTF-16 lengths. */
  std::vector<std::u16string> strings(const char* textKey, const char* lensKey) {
    Napi::Value t = o_.Get(textKey);
    if (!t.IsString()) fail(std::string(textKey) + " must be a string");
    std::u16string all = t.As<Napi::String>().Utf16Value();
    std::vector<uint32_t> lens = u32(lensKey);
    std::vector<std::u16string> out;
    out.reserve(lens.size());
    size_t at = 0;
    for (uint32_t len : lens) {
      if (len == 0 || len > all.size() - at) fail(std::string(lensKey) + " does not fit " + textKey);
      out.emplace_back(all, at, len);
      at += len;
    }
    if (at != all.size()) fail(std::string(lensKey) + " does not cover " + textKey);
    return out;
  }
  /** Offsets into a list: `n + 1` of them, from 0, never decreasing, ending at `total`. */
  std::vector<uint32_t> offsets(const char* key, size_t total) {
    std::vector<uint32_t> v = u32(key);
    if (v.empty() || v[0] != 0 || v.back() != total) fail(std::string(key) + " must run from 0 to the list's length");
    for (size_t i = 1; i < v.size(); i++)
      if (v[i] < v[i - 1]) fail(std::string(key) + " must not decrease");
    return v;
  }
  void range(const std::vector<int32_t>& v, int32_t lo, int32_t hi, const char* what) {
    for (int32_t x : v)
      if (x < lo || x >= hi) fail(std::string(what) + " holds an index out of range");
  }
  void range(const std::vector<uint32_t>& v, uint32_t hi, const char* what) {
    for (uint32_t x : v)
      if (x >= hi) fail(std::string(what) + " holds an index out of range");
  }
  [[noreturn]] void fail(const std::string& m) { throw Napi::TypeError::New(env_, std::string(what_) + ": " + m); }

 private:
  template <class A, class T>
  std::vector<T> typed(const char* key, napi_typedarray_type type, const char* typeName, size_t expect) {
    Napi::Value v = o_.Get(key);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) fail(std::string(key) + " must be a " + typeName);
    A a = v.As<A>();
    if (expect != SIZE_MAX && a.ElementLength() != expect) fail(std::string(key) + " has the wrong length");
    return std::vector<T>(a.Data(), a.Data() + a.ElementLength());
  }

  Napi::Env env_;
  Napi::Object o_;
  const char* what_;
};

/** A class reference packed as 5 numbers: present, need lo/hi, forbid lo/hi. */
inline ClassRefMask refAt(const std::vector<uint32_t>& a, size_t at) {
  ClassRefMask m;
  m.present = a[at] != 0;
  m.need = (static_cast<uint64_t>(a[at + 2]) << 32) | a[at + 1];
  m.forbid = (static_cast<uint64_t>(a[at + 4]) << 32) | a[at + 3];
  return m;
}

}  // namespace tokstudio
