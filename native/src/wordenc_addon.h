// The hybrid word encoder's class for the addon's exports (wordenc_addon.cc).
#pragma once
#include <napi.h>

namespace tokstudio {
Napi::Function DefineWordEncoderClass(Napi::Env env);
}
