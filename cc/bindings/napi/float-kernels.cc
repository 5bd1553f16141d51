#include "float-kernels.h"

#include <string>

namespace lico::napi {

FloatOutput float_output(Napi::Env env, uint64_t n) {
  const size_t bytes = static_cast<size_t>(n) * sizeof(float);
  uint8_t* data = allocate_output(bytes);
  if (!data) throw Napi::Error::New(env, "out of memory for a kernel output of " + std::to_string(bytes) + " bytes");
  Napi::ArrayBuffer buffer = adopt(env, data, bytes);
  return {Napi::Float32Array::New(env, static_cast<size_t>(n), buffer, 0), reinterpret_cast<float*>(data)};
}

Conv2dAttrs conv2d_attrs(const Napi::CallbackInfo& info, size_t first) {
  if (!info[first + 9].IsBoolean()) throw Napi::TypeError::New(info.Env(), "transposed must be a boolean");
  return Conv2dAttrs{uint_argument(info, first, "batch"),
                     uint_argument(info, first + 1, "inChannels"),
                     uint_argument(info, first + 2, "height"),
                     uint_argument(info, first + 3, "width"),
                     uint_argument(info, first + 4, "outChannels"),
                     uint_argument(info, first + 5, "kernelHeight"),
                     uint_argument(info, first + 6, "kernelWidth"),
                     uint_argument(info, first + 7, "stride"),
                     uint_argument(info, first + 8, "padding"),
                     info[first + 9].As<Napi::Boolean>().Value(),
                     uint_argument(info, first + 10, "outputPadding")};
}

GdnAttrs gdn_attrs(const Napi::CallbackInfo& info, size_t first) {
  if (!info[first + 4].IsBoolean()) throw Napi::TypeError::New(info.Env(), "inverse must be a boolean");
  return GdnAttrs{uint_argument(info, first, "batch"), uint_argument(info, first + 1, "channels"),
                  uint_argument(info, first + 2, "height"), uint_argument(info, first + 3, "width"),
                  info[first + 4].As<Napi::Boolean>().Value()};
}

ActivationKind activation_kind(const Napi::CallbackInfo& info, size_t i) {
  const uint32_t kind = uint_argument(info, i, "kind");
  if (kind > static_cast<uint32_t>(ActivationKind::kSoftplus))
    throw Napi::RangeError::New(info.Env(), "kind must be 0 to 4");
  return static_cast<ActivationKind>(kind);
}

float float_argument(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().FloatValue();
}

const float* optional_float_array(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info[i].IsUndefined() || info[i].IsNull()) return nullptr;
  return typed_array<Napi::Float32Array>(info, i, what).Data();
}

Napi::Value float_result(Napi::Env env, const ErrorDetail& detail, const char* name, Napi::Value value) {
  Napi::Object out = result(env, detail);
  if (detail.status == Status::kOk) out.Set(name, value);
  return out;
}

}  // namespace lico::napi
