// The hybrid analyzer's class for the addon's exports (analyze_addon.cc).
#pragma once
#include <napi.h>

namespace tokstudio {
Napi::Function DefineAnalyzerClass(Napi::Env env);
}
