// Node-API bindings (node-addon-api, no V8 API, so one binary serves Node and Electron). Every argument is
// checked here and a malformed one throws a JavaScript TypeError; the work runs in the plain C++ of
// train.cc, count.cc and encode.cc, long jobs on worker threads with a promise, progress and cancel.
#include <napi.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>

#include "analyze_addon.h"
#include "count.h"
#include "count_stream.h"
#include "encode.h"
#include "train.h"
#include "unicode.h"
#include "units_addon.h"
#include "wordenc_addon.h"

namespace tokstudio {
namespace {

template <class T>
T typedArg(const Napi::CallbackInfo& info, size_t i, napi_typedarray_type type, const char* what) {
  Napi::Value v = info[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a " +
                                               (type == napi_uint8_array ? "Uint8Array" : type == napi_uint32_array ? "Uint32Array" : type == napi_int32_array ? "Int32Array" : "Float64Array"));
  }
  return v.As<T>();
}

double numberArg(const Napi::CallbackInfo& info, size_t i, const char* what, double lo, double hi) {
  Napi::Value v = info[i];
  if (!v.IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= lo && d <= hi) || d != static_cast<double>(static_cast<int64_t>(d))) {
    throw Napi::RangeError::New(info.Env(), std::string(what) + " is out of range");
  }
  return d;
}

Preset presetArg(const Napi::CallbackInfo& info, size_t i) {
  Napi::Value v = info[i];
  if (!v.IsString()) throw Napi::TypeError::New(info.Env(), "preset must be 'gpt2' or 'gpt4o'");
  std::string s = v.As<Napi::String>().Utf8Value();
  if (s == "gpt2") return Preset::Gpt2;
  if (s == "gpt4o") return Preset::Gpt4o;
  throw Napi::TypeError::New(info.Env(), "preset must be 'gpt2' or 'gpt4o'");
}

/** A JavaScript string as UTF-8; a lone surrogate throws, with the message BpeTokenizer gives. */
std::string utf8Of(const Napi::Env& env, const Napi::String& str) {
  std::u16string u = str.Utf16Value();
  std::string out;
  out.reserve(u.size() + u.size() / 2);
  for (size_t i = 0; i < u.size(); i++) {
    uint32_t c = u[i];
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < u.size() && u[i + 1] >= 0xdc00 && u[i + 1] <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (u[i + 1] - 0xdc00);
        i++;
      } else {
        char hex[8];
        snprintf(hex, sizeof hex, "%X", c);
        throw Napi::Error::New(env, std::string("lone surrogate U+") + hex + " at offset " + std::to_string(i) + " cannot be encoded as UTF-8");
      }
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return out;
}

Napi::Uint32Array toUint32Array(Napi::Env env, const std::vector<uint32_t>& v) {
  Napi::Uint32Array a = Napi::Uint32Array::New(env, v.size());
  if (!v.empty()) std::memcpy(a.Data(), v.data(), v.size() * sizeof(uint32_t));
  return a;
}

/** The counts of one table as three arrays: keys back to back (UTF-8), their lengths in UTF-16 code units
 *  (so JavaScript decodes the bytes once and slices), their counts. */
Napi::Object packCounts(Napi::Env env, const StringCounter& c) {
  Napi::Buffer<uint8_t> bytes = Napi::Buffer<uint8_t>::New(env, c.keyUnits());
  Napi::Uint32Array lens = Napi::Uint32Array::New(env, c.size());
  Napi::Float64Array counts = Napi::Float64Array::New(env, c.size());
  size_t at = 0, k = 0;
  c.forEach([&](const uint8_t* p, size_t n, int64_t count) {
    if (n) std::memcpy(bytes.Data() + at, p, n);
    at += n;
    lens[k] = static_cast<uint32_t>(utf16Length(p, n));
    counts[k] = static_cast<double>(count);
    k++;
  });
  Napi::Object o = Napi::Object::New(env);
  o.Set("bytes", bytes);
  o.Set("lens", lens);
  o.Set("counts", counts);
  return o;
}

/** A promise plus a cancel() that stays safe to call after the job ended. */
Napi::Object jobHandle(Napi::Env env, Napi::Promise promise, std::shared_ptr<std::atomic<bool>> cancel) {
  Napi::Object h = Napi::Object::New(env);
  h.Set("promise", promise);
  h.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo&) { cancel->store(true); }));
  return h;
}

// ---------- training

Napi::Object trainResult(Napi::Env env, const TrainOutput& out) {
  Napi::Object r = Napi::Object::New(env);
  r.Set("left", toUint32Array(env, out.left));
  r.Set("right", toUint32Array(env, out.right));
  r.Set("stop", Napi::Number::New(env, static_cast<int>(out.stop)));
  r.Set("stopCount", Napi::Number::New(env, static_cast<double>(out.stopCount)));
  r.Set("duplicatesSkipped", Napi::Number::New(env, static_cast<double>(out.duplicatesSkipped)));
  r.Set("cancelled", Napi::Boolean::New(env, out.cancelled));
  return r;
}

struct TrainProgressMsg {
  uint32_t done, total;
  double rate;
};

class TrainWorker : public Napi::AsyncProgressWorker<TrainProgressMsg> {
 public:
  TrainWorker(Napi::Env env, TrainInput input, Napi::Function onProgress, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressWorker<TrainProgressMsg>(env, "tokstudio.train"),
        deferred_(Napi::Promise::Deferred::New(env)),
        input_(std::move(input)),
        cancel_(std::move(cancel)) {
    if (!onProgress.IsEmpty()) onProgress_ = Napi::Persistent(onProgress);
  }
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute(const ExecutionProgress& progress) override {
    try {
      out_ = trainBpe(input_, cancel_.get(), [&](uint32_t done, uint32_t total, double rate) {
        TrainProgressMsg m{done, total, rate};
        progress.Send(&m, 1);
      });
    } catch (const std::bad_alloc&) {
      SetError("out of memory while training");
    } catch (const std::exception& e) {
      SetError(e.what());
    }
    input_ = TrainInput();  // free the copy before the result is built
  }

  void OnProgress(const TrainProgressMsg* m, size_t count) override {
    if (onProgress_.IsEmpty() || count == 0 || !callbackError_.IsEmpty()) return;
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    try {
      onProgress_.Call({Napi::Number::New(env, m->done), Napi::Number::New(env, m->total), Napi::Number::New(env, m->rate)});
    } catch (const Napi::Error& e) {
      // A throwing callback ends the job and its promise rejects with that error.
      callbackError_ = Napi::Persistent(static_cast<Napi::Value>(e.Value()));
      cancel_->store(true);
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    if (!callbackError_.IsEmpty()) {
      deferred_.Reject(callbackError_.Value());
      return;
    }
    deferred_.Resolve(trainResult(env, out_));
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  TrainInput input_;
  TrainOutput out_;
  Napi::FunctionReference onProgress_;
  Napi::Reference<Napi::Value> callbackError_;
  std::shared_ptr<std::atomic<bool>> cancel_;
};

/** train(bytes, lens, counts, mergeBudget, minFrequency, extraTaken: Uint8Array[], onProgress?) */
/** train()'s arguments 0-6, checked: the input and the optional progress callback. */
TrainInput trainArgs(const Napi::CallbackInfo& info, Napi::Function& onProgress) {
  Napi::Env env = info.Env();
  auto bytes = typedArg<Napi::Uint8Array>(info, 0, napi_uint8_array, "bytes");
  auto lens = typedArg<Napi::Uint32Array>(info, 1, napi_uint32_array, "lens");
  auto counts = typedArg<Napi::Float64Array>(info, 2, napi_float64_array, "counts");
  if (lens.ElementLength() != counts.ElementLength()) throw Napi::RangeError::New(env, "lens and counts differ in length");
  uint64_t total = 0;
  for (size_t i = 0; i < lens.ElementLength(); i++) total += lens[i];
  if (total != bytes.ByteLength()) throw Napi::RangeError::New(env, "lens do not add up to the byte length");
  TrainInput in;
  in.mergeBudget = static_cast<uint32_t>(numberArg(info, 3, "mergeBudget", 0, 2000000));
  in.minFrequency = static_cast<int64_t>(numberArg(info, 4, "minFrequency", 1, 9007199254740991.0));
  if (!info[5].IsArray()) throw Napi::TypeError::New(env, "extraTaken must be an array of Uint8Array");
  Napi::Array extra = info[5].As<Napi::Array>();
  for (uint32_t i = 0; i < extra.Length(); i++) {
    Napi::Value v = extra.Get(i);
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      throw Napi::TypeError::New(env, "extraTaken must be an array of Uint8Array");
    }
    auto a = v.As<Napi::Uint8Array>();
    in.extraTaken.emplace_back(reinterpret_cast<const char*>(a.Data()), a.ByteLength());
  }
  if (info.Length() > 6 && !info[6].IsUndefined() && !info[6].IsNull()) {
    if (!info[6].IsFunction()) throw Napi::TypeError::New(env, "onProgress must be a function");
    onProgress = info[6].As<Napi::Function>();
  }
  for (size_t i = 0; i < counts.ElementLength(); i++) {
    double c = counts[i];
    if (!(c >= 0) || c > 9007199254740991.0 || c != static_cast<double>(static_cast<int64_t>(c))) {
      throw Napi::RangeError::New(env, "counts must be non-negative integers");
    }
  }
  in.bytes.assign(bytes.Data(), bytes.Data() + bytes.ByteLength());
  in.lens.assign(lens.Data(), lens.Data() + lens.ElementLength());
  in.counts.assign(counts.Data(), counts.Data() + counts.ElementLength());
  return in;
}

Napi::Value Train(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Function onProgress;
  TrainInput in = trainArgs(info, onProgress);
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* w = new TrainWorker(env, std::move(in), onProgress, cancel);
  Napi::Promise p = w->promise();
  w->Queue();
  return jobHandle(env, p, cancel);
}

/**
 * trainSync(same arguments as train) -> the result train's promise gives, on the calling thread: for small
 * inputs inside a job that already runs on a worker thread (the hybrid tokenizer's residue). The progress
 * callback is called synchronously; returning true from it cancels.
 */
Napi::Value TrainSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Function onProgress;
  TrainInput in = trainArgs(info, onProgress);
  std::atomic<bool> cancel{false};
  TrainOutput out;
  try {
    out = trainBpe(in, &cancel, [&](uint32_t done, uint32_t total, double rate) {
      if (onProgress.IsEmpty()) return;
      Napi::Value stop = onProgress.Call({Napi::Number::New(env, done), Napi::Number::New(env, total), Napi::Number::New(env, rate)});
      if (stop.ToBoolean()) cancel.store(true);
    });
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(env, "out of memory while training");
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
  return trainResult(env, out);
}

// ---------- counting

struct CountState {
  std::atomic<bool> cancel{false};
  std::atomic<uint64_t> bytes{0};
};

/** { status, message } and, when Ok, { pretokens, words, lines, wordTotal }; the tables are freed. */
Napi::Object countResultObject(Napi::Env env, CountResult& res) {
  Napi::Object r = Napi::Object::New(env);
  r.Set("status", Napi::Number::New(env, static_cast<int>(res.status)));
  r.Set("message", Napi::String::New(env, res.message));
  if (res.status == CountStatus::Ok) {
    r.Set("pretokens", packCounts(env, res.pretokens));
    r.Set("words", packCounts(env, res.words));
    r.Set("lines", Napi::Number::New(env, static_cast<double>(res.lines)));
    r.Set("wordTotal", Napi::Number::New(env, static_cast<double>(res.wordTotal)));
  }
  res = CountResult();
  return r;
}

class CountWorker : public Napi::AsyncWorker {
 public:
  CountWorker(Napi::Env env, std::string path, CountOptions opts, std::shared_ptr<CountState> state)
      : Napi::AsyncWorker(env, "tokstudio.count"), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)), opts_(opts), state_(std::move(state)) {
    opts_.cancel = &state_->cancel;
    opts_.bytesDone = &state_->bytes;
  }
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      res_ = countTextFile(path_, opts_);
    } catch (const std::bad_alloc&) {
      SetError("out of memory while counting");
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override { deferred_.Resolve(countResultObject(Env(), res_)); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  CountOptions opts_;
  std::shared_ptr<CountState> state_;
  CountResult res_;
};

/** countText(path, preset, threads, maxLineBytes, minBytesPerThread) -> { promise, cancel(), bytesRead() } */
Napi::Value CountText(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString()) throw Napi::TypeError::New(env, "path must be a string");
  std::string path = info[0].As<Napi::String>().Utf8Value();
  if (path.find('\0') != std::string::npos) throw Napi::TypeError::New(env, "path must not contain NUL");
  CountOptions opts;
  opts.preset = presetArg(info, 1);
  opts.threads = static_cast<unsigned>(numberArg(info, 2, "threads", 1, 64));
  opts.maxLineBytes = static_cast<uint64_t>(numberArg(info, 3, "maxLineBytes", 1, 9007199254740991.0));
  opts.minBytesPerThread = static_cast<uint64_t>(numberArg(info, 4, "minBytesPerThread", 1, 9007199254740991.0));
  auto state = std::make_shared<CountState>();
  auto* w = new CountWorker(env, path, opts, state);
  Napi::Promise p = w->promise();
  w->Queue();
  Napi::Object h = Napi::Object::New(env);
  h.Set("promise", p);
  h.Set("cancel", Napi::Function::New(env, [state](const Napi::CallbackInfo&) { state->cancel.store(true); }));
  h.Set("bytesRead", Napi::Function::New(env, [state](const Napi::CallbackInfo& i) {
          return Napi::Number::New(i.Env(), static_cast<double>(state->bytes.load()));
        }));
  return h;
}

// ---------- streamed counting: gzip text and JSONL records sent from JavaScript in batches (count_stream.h)

/** Shared by the wrapper and the batch in flight, so either may go first. `busy` is touched on the JS thread only. */
struct StreamBox {
  std::unique_ptr<CountStream> stream;
  bool busy = false;
  bool finished = false;
  std::vector<uint8_t> spare;  // the last batch's copy, reused so batches do not map and unmap memory each time
};

class PushWorker : public Napi::AsyncWorker {
 public:
  PushWorker(Napi::Env env, std::shared_ptr<StreamBox> box, std::vector<uint8_t> data, std::vector<uint32_t> lens)
      : Napi::AsyncWorker(env, "tokstudio.countStream"), deferred_(Napi::Promise::Deferred::New(env)), box_(std::move(box)), data_(std::move(data)), lens_(std::move(lens)) {}
  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      CountStream& s = *box_->stream;
      if (s.mode() == StreamMode::Text) s.pushText(data_.data(), data_.size());
      else s.pushRecords(data_.data(), lens_.data(), lens_.size());
      status_ = s.status();
    } catch (const std::bad_alloc&) {
      box_->stream->fail();
      SetError("out of memory while counting");
    } catch (const std::exception& e) {
      box_->stream->fail();
      SetError(e.what());
    }
    lens_ = std::vector<uint32_t>();
  }
  void OnOK() override {
    done();
    deferred_.Resolve(Napi::Number::New(Env(), static_cast<int>(status_)));
  }
  void OnError(const Napi::Error& e) override {
    done();
    deferred_.Reject(e.Value());
  }
  void done() {
    box_->busy = false;
    box_->spare = std::move(data_);
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<StreamBox> box_;
  std::vector<uint8_t> data_;
  std::vector<uint32_t> lens_;
  CountStatus status_ = CountStatus::Ok;
};

class CountStreamWrap : public Napi::ObjectWrap<CountStreamWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "CountStream",
                       {InstanceMethod("push", &CountStreamWrap::Push), InstanceMethod("finish", &CountStreamWrap::Finish), InstanceMethod("cancel", &CountStreamWrap::Cancel)});
  }

  /** new CountStream(mode: 'text' | 'records', preset, threads, maxLineBytes, minBytesPerThread) */
  CountStreamWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<CountStreamWrap>(info) {
    Napi::Env env = info.Env();
    std::string mode = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
    if (mode != "text" && mode != "records") throw Napi::TypeError::New(env, "mode must be 'text' or 'records'");
    CountOptions opts;
    opts.preset = presetArg(info, 1);
    opts.threads = static_cast<unsigned>(numberArg(info, 2, "threads", 1, 64));
    opts.maxLineBytes = static_cast<uint64_t>(numberArg(info, 3, "maxLineBytes", 1, 9007199254740991.0));
    opts.minBytesPerThread = static_cast<uint64_t>(numberArg(info, 4, "minBytesPerThread", 1, 9007199254740991.0));
    box_ = std::make_shared<StreamBox>();
    box_->stream = std::make_unique<CountStream>(mode == "text" ? StreamMode::Text : StreamMode::Records, opts);
  }

 private:
  void checkIdle(Napi::Env env) {
    if (box_->finished) throw Napi::Error::New(env, "the count stream is finished");
    if (box_->busy) throw Napi::Error::New(env, "the previous batch is still being counted; await its promise first");
  }

  /** push(bytes: Uint8Array, lens?: Uint32Array) -> Promise<status>: the batch is copied, then counted on a worker
   *  thread. Text: complete lines (the last batch may end without '\n'). Records: lens[i] bytes per text. */
  Napi::Value Push(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    checkIdle(env);
    auto bytes = typedArg<Napi::Uint8Array>(info, 0, napi_uint8_array, "bytes");
    std::vector<uint32_t> lens;
    if (box_->stream->mode() == StreamMode::Records) {
      auto l = typedArg<Napi::Uint32Array>(info, 1, napi_uint32_array, "lens");
      uint64_t total = 0;
      for (size_t i = 0; i < l.ElementLength(); i++) total += l[i];
      if (total != bytes.ByteLength()) throw Napi::RangeError::New(env, "lens do not add up to the byte length");
      lens.assign(l.Data(), l.Data() + l.ElementLength());
    } else if (info.Length() > 1 && !info[1].IsUndefined()) {
      throw Napi::TypeError::New(env, "a text stream takes no lens");
    }
    std::vector<uint8_t> data;
    if (box_->spare.capacity() <= 2 * bytes.ByteLength()) data = std::move(box_->spare);  // else let a big one go
    box_->spare = std::vector<uint8_t>();
    data.assign(bytes.Data(), bytes.Data() + bytes.ByteLength());
    auto* w = new PushWorker(env, box_, std::move(data), std::move(lens));
    Napi::Promise p = w->promise();
    w->Queue();
    box_->busy = true;
    return p;
  }

  /** finish() -> the same result object as countText's promise gives; the stream is spent afterwards. */
  Napi::Value Finish(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    checkIdle(env);
    box_->finished = true;
    box_->spare = std::vector<uint8_t>();
    CountStream& s = *box_->stream;
    s.finish();
    CountResult res = s.takeResult();
    return countResultObject(env, res);
  }

  /** cancel(): the batch in flight stops early; safe at any time. */
  Napi::Value Cancel(const Napi::CallbackInfo& info) {
    box_->stream->cancel();
    return info.Env().Undefined();
  }

  std::shared_ptr<StreamBox> box_;
};

// ---------- encoding

class EncoderWrap : public Napi::ObjectWrap<EncoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Encoder", {InstanceMethod("encodeIds", &EncoderWrap::EncodeIds), InstanceMethod("encodeWithLengths", &EncoderWrap::EncodeWithLengths)});
  }

  /** new Encoder({ preset, byteIds: Uint32Array(256), left, right, result: Uint32Array, specials: string[],
   *  specialIds: Uint32Array, ignoreMerges: boolean, tokenBytes?: Uint8Array, tokenLens?: Uint32Array, tokenIds?: Uint32Array }) */
  EncoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<EncoderWrap>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) throw Napi::TypeError::New(env, "Encoder needs a model object");
    Napi::Object o = info[0].As<Napi::Object>();
    auto u32 = [&](const char* key) {
      Napi::Value v = o.Get(key);
      if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) {
        throw Napi::TypeError::New(env, std::string(key) + " must be a Uint32Array");
      }
      auto a = v.As<Napi::Uint32Array>();
      return std::vector<uint32_t>(a.Data(), a.Data() + a.ElementLength());
    };
    EncoderModel m;
    Napi::Value preset = o.Get("preset");
    std::string ps = preset.IsString() ? preset.As<Napi::String>().Utf8Value() : "";
    if (ps == "gpt2") m.preset = Preset::Gpt2;
    else if (ps == "gpt4o") m.preset = Preset::Gpt4o;
    else throw Napi::TypeError::New(env, "preset must be 'gpt2' or 'gpt4o'");
    std::vector<uint32_t> byteIds = u32("byteIds");
    if (byteIds.size() != 256) throw Napi::RangeError::New(env, "byteIds must hold 256 ids");
    std::copy(byteIds.begin(), byteIds.end(), m.byteIds);
    m.left = u32("left");
    m.right = u32("right");
    m.result = u32("result");
    if (m.left.size() != m.right.size() || m.left.size() != m.result.size()) throw Napi::RangeError::New(env, "merge arrays differ in length");
    m.specialIds = u32("specialIds");
    Napi::Value specials = o.Get("specials");
    if (!specials.IsArray()) throw Napi::TypeError::New(env, "specials must be an array of strings");
    Napi::Array sa = specials.As<Napi::Array>();
    for (uint32_t i = 0; i < sa.Length(); i++) {
      Napi::Value s = sa.Get(i);
      if (!s.IsString()) throw Napi::TypeError::New(env, "specials must be an array of strings");
      m.specials.push_back(utf8Of(env, s.As<Napi::String>()));
      if (m.specials.back().empty()) throw Napi::RangeError::New(env, "a special token cannot be empty");
    }
    if (m.specials.size() != m.specialIds.size()) throw Napi::RangeError::New(env, "specials and specialIds differ in length");
    m.ignoreMerges = o.Get("ignoreMerges").ToBoolean();
    if (m.ignoreMerges) {
      Napi::Value tb = o.Get("tokenBytes");
      if (!tb.IsTypedArray() || tb.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) throw Napi::TypeError::New(env, "tokenBytes must be a Uint8Array");
      auto bytes = tb.As<Napi::Uint8Array>();
      std::vector<uint32_t> lens = u32("tokenLens");
      m.tokenIds = u32("tokenIds");
      if (lens.size() != m.tokenIds.size()) throw Napi::RangeError::New(env, "tokenLens and tokenIds differ in length");
      size_t at = 0;
      for (uint32_t len : lens) {
        if (len > bytes.ByteLength() - at) throw Napi::RangeError::New(env, "tokenLens exceed tokenBytes");
        m.tokenBytes.emplace_back(reinterpret_cast<const char*>(bytes.Data() + at), len);
        at += len;
      }
    }
    try {
      enc_ = std::make_unique<Encoder>(std::move(m));
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, e.what());
    }
  }

 private:
  std::string textArg(const Napi::CallbackInfo& info) {
    if (!info[0].IsString()) throw Napi::TypeError::New(info.Env(), "text must be a string");
    return utf8Of(info.Env(), info[0].As<Napi::String>());
  }
  Napi::Value EncodeIds(const Napi::CallbackInfo& info) {
    std::string s = textArg(info);
    ids_.clear();
    enc_->encode(reinterpret_cast<const uint8_t*>(s.data()), s.size(), ids_, nullptr);
    return toUint32Array(info.Env(), ids_);
  }
  Napi::Value EncodeWithLengths(const Napi::CallbackInfo& info) {
    std::string s = textArg(info);
    ids_.clear();
    lens_.clear();
    enc_->encode(reinterpret_cast<const uint8_t*>(s.data()), s.size(), ids_, &lens_);
    Napi::Object r = Napi::Object::New(info.Env());
    r.Set("ids", toUint32Array(info.Env(), ids_));
    r.Set("lens", toUint32Array(info.Env(), lens_));
    return r;
  }
  std::unique_ptr<Encoder> enc_;
  std::vector<uint32_t> ids_, lens_;
};

// ---------- for the tests: the pre-tokenizer alone

/** pretokenize(text, preset) -> Uint32Array of piece end offsets in UTF-8 bytes */
Napi::Value Pretokenize(const Napi::CallbackInfo& info) {
  if (!info[0].IsString()) throw Napi::TypeError::New(info.Env(), "text must be a string");
  std::string s = utf8Of(info.Env(), info[0].As<Napi::String>());
  Preset p = presetArg(info, 1);
  PretokScratch sc;
  std::vector<uint32_t> ends;
  pretokenize(reinterpret_cast<const uint8_t*>(s.data()), s.size(), p, sc, ends);
  return toUint32Array(info.Env(), ends);
}

/**
 * classes(from, to, withDigits = false) -> Uint8Array of the committed Unicode table's classes for code points
 * [from, to): the pre-tokenizers' bits, plus the \p{Nd} bit (32) when withDigits is true.
 */
Napi::Value Classes(const Napi::CallbackInfo& info) {
  uint32_t from = static_cast<uint32_t>(numberArg(info, 0, "from", 0, 0x110000));
  uint32_t to = static_cast<uint32_t>(numberArg(info, 1, "to", from, 0x110000));
  const uint8_t keep = info.Length() > 2 && info[2].ToBoolean() ? 0xff : static_cast<uint8_t>(kDecimalDigit - 1);
  Napi::Uint8Array a = Napi::Uint8Array::New(info.Env(), to - from);
  for (uint32_t cp = from; cp < to; cp++) a[cp - from] = uniClass(cp) & keep;
  return a;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("abiVersion", Napi::Number::New(env, 2));
  exports.Set("train", Napi::Function::New(env, Train));
  exports.Set("trainSync", Napi::Function::New(env, TrainSync));
  exports.Set("countText", Napi::Function::New(env, CountText));
  exports.Set("CountStream", CountStreamWrap::Define(env));
  exports.Set("pretokenize", Napi::Function::New(env, Pretokenize));
  exports.Set("classes", Napi::Function::New(env, Classes));
  exports.Set("Encoder", EncoderWrap::Define(env));
  exports.Set("Analyzer", DefineAnalyzerClass(env));
  exports.Set("WordEncoder", DefineWordEncoderClass(env));
  exports.Set("units", DefineUnits(env));
  return exports;
}

}  // namespace
}  // namespace tokstudio

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return tokstudio::Init(env, exports); }
NODE_API_MODULE(tokstudio_native, InitModule)
