// The hybrid trainer's units pass for the addon's exports (units_addon.cc).
#pragma once
#include <napi.h>

namespace tokstudio {
/** { corpusUnits, caseMappings, caseProbe } (see units_addon.cc). */
Napi::Object DefineUnits(Napi::Env env);
}
