// lico_IntConv2d(input, weights, bias, inChannels, height, width, outChannels, kernelHeight,
//                kernelWidth, stride, padding, transposed, outputPadding, shift, clampMin,
//                clampMax, output). The TS side has run checkIntConv2dInputs, clipped the clamp
// bounds to int32 and allocated output ([outChannels, outHeight, outWidth]).
#include "../../kernels/IntConv2d.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_IntConv2d)
void lico_IntConv2d(const int32_t* input, const int32_t* weights, const int32_t* bias, uint32_t in_channels,
                    uint32_t height, uint32_t width, uint32_t out_channels, uint32_t kernel_height,
                    uint32_t kernel_width, uint32_t stride, uint32_t padding, uint32_t transposed,
                    uint32_t output_padding, uint32_t shift, int32_t clamp_min, int32_t clamp_max, int32_t* output) {
  const IntConv2dAttrs attrs{in_channels, height,  width,          out_channels, kernel_height, kernel_width,
                             stride,      padding, transposed != 0, output_padding, shift,      clamp_min,
                             clamp_max};
  // Without its scratch (too large, or the memory cannot grow) the kernel takes the direct
  // path, slower but exact all the same.
  const uint64_t bytes = int_conv2d_scratch_bytes(attrs);
  void* scratch = bytes > 0 && bytes < (1ull << 31) ? wasm::allocate(static_cast<size_t>(bytes)) : nullptr;
  int_conv2d(input, weights, bias, attrs, output, scratch, 1);
  if (scratch) wasm::release(scratch);
}
