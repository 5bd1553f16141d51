// IntConv2d: integer 2-D convolution and transposed convolution (PyTorch semantics, zero
// padding) by the exact rule of packages/core/src/kernels/IntConv2d.ts:
//   out = clamp((acc + round) >> shift, clamp_min, clamp_max), round = 2^(shift−1) or 0.
// Inputs were checked by the caller (@lico/core's checkIntConv2dInputs): positive sizes, an
// output of at least one value, shift ≤ 30, and values small enough that every int32
// accumulator, partial sums included, stays exact. Clamp bounds are int32 (the caller clips
// wider ones, which change nothing).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico {

struct IntConv2dAttrs {
  uint32_t in_channels, height, width;
  uint32_t out_channels, kernel_height, kernel_width;
  uint32_t stride, padding;
  bool transposed;
  uint32_t output_padding;
  uint32_t shift;
  int32_t clamp_min, clamp_max;
};

// Output rows and columns: floor((n + 2p − k)/s) + 1, or (n − 1)·s − 2p + k + outputPadding
// when transposed (at least 1 after the caller's checks).
uint32_t int_conv2d_output_height(const IntConv2dAttrs& attrs);
uint32_t int_conv2d_output_width(const IntConv2dAttrs& attrs);

// Bytes of scratch the fast path wants: a zero-padded (and, for strided convolutions,
// polyphase) copy of the input, weights packed by blocks of output channels, and tap lists.
// 0 when that copy would be much larger than the tensors themselves (huge padding on a tiny
// input): then int_conv2d takes its direct path, which needs none.
uint64_t int_conv2d_scratch_bytes(const IntConv2dAttrs& attrs);

// input [inChannels, height, width]; weights [outChannels, inChannels, kH, kW], or
// [inChannels, outChannels, kH, kW] when transposed; bias [outChannels];
// output [outChannels, outHeight, outWidth]. `scratch` holds int_conv2d_scratch_bytes(attrs)
// bytes (16-byte aligned), or is null for the direct path. Splits the output channels across
// `threads` OpenMP threads (1 in wasm).
void int_conv2d(const int32_t* input, const int32_t* weights, const int32_t* bias, const IntConv2dAttrs& attrs,
                int32_t* output, void* scratch, int threads);

}  // namespace lico
