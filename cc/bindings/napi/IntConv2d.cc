// intConv2d(input: Int32Array, weights: Int32Array, bias: Int32Array, inChannels, height,
//           width, outChannels, kernelHeight, kernelWidth, stride, padding, transposed: boolean,
//           outputPadding, shift, clampMin, clampMax) -> Int32Array [outChannels, outHeight, outWidth]
// The TS side has run checkIntConv2dInputs and clipped the clamp bounds to int32.
#include "../../kernels/IntConv2d.h"

#include <cstdlib>
#include <new>

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {
namespace {

int32_t int_argument(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().Int32Value();
}

// Below this many multiply-adds per extra thread, starting the thread costs more than it saves.
constexpr uint64_t kWorkPerExtraThread = 1u << 21;

}  // namespace

Napi::Value IntConv2d(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto input = typed_array<Napi::Int32Array>(info, 0, "input");
  const auto weights = typed_array<Napi::Int32Array>(info, 1, "weights");
  const auto bias = typed_array<Napi::Int32Array>(info, 2, "bias");
  if (!info[11].IsBoolean()) throw Napi::TypeError::New(env, "transposed must be a boolean");
  const IntConv2dAttrs attrs{uint_argument(info, 3, "inChannels"),
                             uint_argument(info, 4, "height"),
                             uint_argument(info, 5, "width"),
                             uint_argument(info, 6, "outChannels"),
                             uint_argument(info, 7, "kernelHeight"),
                             uint_argument(info, 8, "kernelWidth"),
                             uint_argument(info, 9, "stride"),
                             uint_argument(info, 10, "padding"),
                             info[11].As<Napi::Boolean>().Value(),
                             uint_argument(info, 12, "outputPadding"),
                             uint_argument(info, 13, "shift"),
                             int_argument(info, 14, "clampMin"),
                             int_argument(info, 15, "clampMax")};
  const uint64_t plane = static_cast<uint64_t>(int_conv2d_output_height(attrs)) * int_conv2d_output_width(attrs);
  const uint64_t n = plane * attrs.out_channels;
  // Multiply-adds: every output takes inChannels · kH · kW of them (over stride² when transposed).
  uint64_t work = n * attrs.in_channels * attrs.kernel_height * attrs.kernel_width;
  if (attrs.transposed) work /= static_cast<uint64_t>(attrs.stride) * attrs.stride;
  const uint64_t wanted = work / kWorkPerExtraThread + 1;
  const int threads = wanted < static_cast<uint64_t>(thread_count()) ? static_cast<int>(wanted) : thread_count();
  Napi::Int32Array output = Napi::Int32Array::New(env, static_cast<size_t>(n));
  // Without its scratch the kernel takes the direct path, slower but exact all the same.
  const uint64_t scratch_bytes = int_conv2d_scratch_bytes(attrs);
  void* scratch = scratch_bytes > 0 ? std::aligned_alloc(16, static_cast<size_t>(scratch_bytes)) : nullptr;
  int_conv2d(input.Data(), weights.Data(), bias.Data(), attrs, output.Data(), scratch, threads);
  std::free(scratch);
  return output;
}

}  // namespace lico::napi
