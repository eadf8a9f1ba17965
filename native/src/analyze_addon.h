// The hybrid analyzer's class for the addon's exports (analyze_addon.cc).
#pragma once
#include <napi.h>

namespace tokstudio {
class Analyzer;
Napi::Function DefineAnalyzerClass(Napi::Env env);
/** The analyzer inside an object made by that class (checked by its type tag), or null for anything else. */
Analyzer* AnalyzerOf(Napi::Value v);
}
