// Helpers the float (training) kernels' entry points share: Float32Array arguments, outputs the
// addon allocates without zero-filling, and the Conv2d geometry read from 11 numbers.
#pragma once

#include <napi.h>

#include <cstdint>

#include "../../kernels/Activation.h"
#include "../../kernels/Conv2d.h"
#include "../../kernels/Gdn.h"
#include "binding-utils.h"

namespace lico::napi {

// A Float32Array of n values whose memory the addon allocated (uninitialized) and V8 frees.
struct FloatOutput {
  Napi::Float32Array array;
  float* data;
};
FloatOutput float_output(Napi::Env env, uint64_t n);

// The Conv2dAttrs in arguments first … first + 10: batch, inChannels, height, width,
// outChannels, kernelHeight, kernelWidth, stride, padding, transposed (boolean), outputPadding.
Conv2dAttrs conv2d_attrs(const Napi::CallbackInfo& info, size_t first);

// The GdnAttrs in arguments first … first + 4: batch, channels, height, width, inverse (boolean).
GdnAttrs gdn_attrs(const Napi::CallbackInfo& info, size_t first);

// An activation kind: 0 relu, 1 leakyRelu, 2 sigmoid, 3 tanh, 4 softplus.
ActivationKind activation_kind(const Napi::CallbackInfo& info, size_t i);

float float_argument(const Napi::CallbackInfo& info, size_t i, const char* what);

// An optional Float32Array argument's data, or null when it is undefined or null.
const float* optional_float_array(const Napi::CallbackInfo& info, size_t i, const char* what);

// { status, a, b } plus `name: value` when the kernel succeeded.
Napi::Value float_result(Napi::Env env, const ErrorDetail& detail, const char* name, Napi::Value value);

}  // namespace lico::napi
