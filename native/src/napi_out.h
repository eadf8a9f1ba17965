// Values handed back to JavaScript by the addon objects: typed arrays copied from vectors, and UTF-16 strings.
#pragma once
#include <napi.h>

#include <algorithm>
#include <string>
#include <vector>

namespace tokstudio {

/** A new typed array A (e.g. Napi::Float64Array) holding a copy of v. */
template <class A, class T>
A typedCopy(Napi::Env env, const std::vector<T>& v) {
  A a = A::New(env, v.size());
  std::copy(v.begin(), v.end(), a.Data());
  return a;
}

/**
 * A UTF-16 string as a Napi::Value: Object::Set and Array::Set given a Napi::String convert it through UTF-8
 * (it converts to std::string), and a lone surrogate would come back as U+FFFD.
 */
inline Napi::Value string16(Napi::Env env, const std::u16string& s) { return Napi::String::New(env, s); }

}  // namespace tokstudio
