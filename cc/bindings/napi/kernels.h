// The addon's entry points, one per kernel, each in the file of the kernel's name.
#pragma once

#include <napi.h>

namespace lico::napi {

Napi::Value RansEncode(const Napi::CallbackInfo& info);
Napi::Value RansDecode(const Napi::CallbackInfo& info);
Napi::Value PmfToQuantizedCdf(const Napi::CallbackInfo& info);
Napi::Value QuantizeScalar(const Napi::CallbackInfo& info);
Napi::Value DequantizeScalar(const Napi::CallbackInfo& info);
Napi::Value TcqQuantize(const Napi::CallbackInfo& info);
Napi::Value TcqDequantize(const Napi::CallbackInfo& info);
Napi::Value IntConv2d(const Napi::CallbackInfo& info);
Napi::Value Conv2d(const Napi::CallbackInfo& info);
Napi::Value Conv2dBackpropInput(const Napi::CallbackInfo& info);
Napi::Value Conv2dBackpropFilter(const Napi::CallbackInfo& info);
Napi::Value Gdn(const Napi::CallbackInfo& info);
Napi::Value GdnBackprop(const Napi::CallbackInfo& info);
Napi::Value Activation(const Napi::CallbackInfo& info);
Napi::Value ActivationBackprop(const Napi::CallbackInfo& info);
Napi::Value AdamUpdate(const Napi::CallbackInfo& info);

}  // namespace lico::napi
