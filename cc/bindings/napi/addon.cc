// lico_native.node: the C++ kernels for Node.js. Exports lico_<KernelName> per kernel, plus
// prepareRansTables and info() ({ simd, threads }) for the backend's description.
#include <napi.h>

#include "binding-utils.h"
#include "kernels.h"
#include "prepared-tables.h"

namespace lico::napi {
namespace {

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("simd", simd_name());
  out.Set("threads", thread_count());
  return out;
}

}  // namespace
}  // namespace lico::napi

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace lico::napi;
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("prepareRansTables", Napi::Function::New(env, PrepareRansTables));
  exports.Set("recycleOutput", Napi::Function::New(env, RecycleOutput));
  exports.Set("lico_RansEncode", Napi::Function::New(env, RansEncode));
  exports.Set("lico_RansDecode", Napi::Function::New(env, RansDecode));
  exports.Set("lico_PmfToQuantizedCdf", Napi::Function::New(env, PmfToQuantizedCdf));
  exports.Set("lico_QuantizeScalar", Napi::Function::New(env, QuantizeScalar));
  exports.Set("lico_DequantizeScalar", Napi::Function::New(env, DequantizeScalar));
  exports.Set("lico_TcqQuantize", Napi::Function::New(env, TcqQuantize));
  exports.Set("lico_TcqDequantize", Napi::Function::New(env, TcqDequantize));
  exports.Set("lico_IntConv2d", Napi::Function::New(env, IntConv2d));
  exports.Set("lico_Conv2d", Napi::Function::New(env, Conv2d));
  exports.Set("lico_Conv2dBackpropInput", Napi::Function::New(env, Conv2dBackpropInput));
  exports.Set("lico_Conv2dBackpropFilter", Napi::Function::New(env, Conv2dBackpropFilter));
  exports.Set("lico_Gdn", Napi::Function::New(env, Gdn));
  exports.Set("lico_GdnBackprop", Napi::Function::New(env, GdnBackprop));
  exports.Set("lico_Activation", Napi::Function::New(env, Activation));
  exports.Set("lico_ActivationBackprop", Napi::Function::New(env, ActivationBackprop));
  exports.Set("lico_AdamUpdate", Napi::Function::New(env, AdamUpdate));
  return exports;
}

NODE_API_MODULE(lico_native, Init)
