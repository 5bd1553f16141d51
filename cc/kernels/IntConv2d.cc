// IntConv2d, output-stationary: every output position accumulates in registers over all input
// channels and kernel taps, then is rounded, shifted, clamped and stored once.
//
// Both directions become one stride-1 correlation over a zero-padded source:
//  - convolution with stride s reads input row y·s − p + i, which is row y + i/s of the source
//    phase (i mod s) holding input rows Y·s + (i mod s) − p (polyphase split; one phase when
//    s = 1);
//  - transposed convolution with stride s splits the output instead: output rows ≡ r (mod s)
//    receive only the taps i ≡ r + p (mod s), from input row q + (r + p − i)/s for output row
//    q·s + r, so each output phase is a stride-1 correlation with its own taps over the input
//    padded by PT rows above (PL columns to the left).
// The innermost loop multiplies two vectors of consecutive source values (output columns)
// by one weight of each of four output channels: eight int32 accumulators, the input loads
// shared by the four channels. Weights are packed per block of four output channels. int32
// arithmetic throughout: the caller's bound keeps every partial sum exact.
#include "IntConv2d.h"

namespace lico {
namespace {

#if defined(__AVX2__)
#define LICO_CONV_VEC_BYTES 32
#else
#define LICO_CONV_VEC_BYTES 16
#endif
typedef int32_t Vec __attribute__((vector_size(LICO_CONV_VEC_BYTES)));
constexpr uint32_t kLanes = LICO_CONV_VEC_BYTES / 4;
constexpr uint32_t kVecs = 2;                  // vectors per row block
constexpr uint32_t kBlock = kLanes * kVecs;    // output columns per row block
constexpr uint32_t kChannels = 4;              // output channels per block

inline Vec load(const int32_t* p) {
  Vec v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

inline int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
inline int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }
inline uint64_t round_up(uint64_t a, uint64_t b) { return (a + b - 1) / b * b; }
inline uint64_t align16(uint64_t bytes) { return round_up(bytes, 16); }

// The geometry of the fast path; see the comment at the top.
struct Plan {
  uint32_t oh, ow;
  uint32_t taps;                // kH · kW
  uint32_t blocks;              // blocks of kChannels output channels
  // Source phase (a, b), channel c, row Y, column X holds input[c][Y·m + a − off_y][X·m + b − off_x].
  uint32_t m, src_py, src_px;
  int64_t off_y, off_x;
  uint64_t sh, sw;
  // Output phase (r, t) covers rows q·step + r and columns u·step + t.
  uint32_t step, out_py, out_px;
  uint64_t src_elements, packed_elements;
  // Scratch layout, in bytes from its start.
  uint64_t offsets_at, widx_at, starts_at, packed_at, src_at, bytes;
};

// The tap rows (or columns) of output phase r of a transposed convolution: k ≡ r + p (mod s),
// at source offset (r + p − k)/s. Returns false when there are none.
bool transposed_range(uint32_t k, uint32_t s, uint32_t p, uint32_t phases, int64_t* lo, int64_t* hi) {
  bool any = false;
  for (uint32_t i = 0; i < k; ++i) {
    const int64_t r = floor_mod(static_cast<int64_t>(i) - p, s);
    if (r >= phases) continue;
    const int64_t d = (r + p - i) / static_cast<int64_t>(s);
    if (!any || d < *lo) *lo = d;
    if (!any || d > *hi) *hi = d;
    any = true;
  }
  return any;
}

Plan make_plan(const IntConv2dAttrs& a) {
  Plan pl{};
  pl.oh = int_conv2d_output_height(a);
  pl.ow = int_conv2d_output_width(a);
  pl.taps = a.kernel_height * a.kernel_width;
  pl.blocks = (a.out_channels + kChannels - 1) / kChannels;
  const uint32_t s = a.stride;
  if (!a.transposed) {
    pl.m = s;
    pl.src_py = s < a.kernel_height ? s : a.kernel_height;
    pl.src_px = s < a.kernel_width ? s : a.kernel_width;
    pl.off_y = pl.off_x = a.padding;
    pl.sh = pl.oh + (a.kernel_height - 1) / s;
    pl.sw = round_up(pl.ow, kBlock) + (a.kernel_width - 1) / s;
    pl.step = 1;
    pl.out_py = pl.out_px = 1;
  } else {
    pl.m = 1;
    pl.src_py = pl.src_px = 1;
    pl.step = s;
    pl.out_py = s < pl.oh ? s : pl.oh;
    pl.out_px = s < pl.ow ? s : pl.ow;
    const uint64_t qh = (pl.oh + s - 1) / s;
    const uint64_t qw = (pl.ow + s - 1) / s;
    int64_t lo = 0;
    int64_t hi = 0;
    if (transposed_range(a.kernel_height, s, a.padding, pl.out_py, &lo, &hi)) {
      pl.off_y = lo < 0 ? -lo : 0;
      pl.sh = static_cast<uint64_t>(pl.off_y + static_cast<int64_t>(qh) + hi);
    } else {
      pl.off_y = 0;
      pl.sh = 1;
    }
    if (transposed_range(a.kernel_width, s, a.padding, pl.out_px, &lo, &hi)) {
      pl.off_x = lo < 0 ? -lo : 0;
      pl.sw = static_cast<uint64_t>(pl.off_x + static_cast<int64_t>(round_up(qw, kBlock)) + hi);
    } else {
      pl.off_x = 0;
      pl.sw = round_up(qw, kBlock);
    }
    if (pl.sh < 1) pl.sh = 1;
  }
  pl.src_elements = static_cast<uint64_t>(pl.src_py) * pl.src_px * a.in_channels * pl.sh * pl.sw;
  pl.packed_elements = static_cast<uint64_t>(pl.blocks) * kChannels * a.in_channels * pl.taps;
  const uint64_t phases = static_cast<uint64_t>(pl.out_py) * pl.out_px;
  pl.offsets_at = 0;
  pl.widx_at = align16(8ull * pl.taps);
  pl.starts_at = pl.widx_at + align16(4ull * pl.taps);
  pl.packed_at = pl.starts_at + align16(4 * (phases + 1));
  pl.src_at = pl.packed_at + align16(4 * pl.packed_elements);
  pl.bytes = pl.src_at + align16(4 * pl.src_elements);
  return pl;
}

int32_t finish(int32_t acc, int32_t round, uint32_t shift, int32_t lo, int32_t hi) {
  const int32_t v = (acc + round) >> shift;  // arithmetic: rounds half up
  return v < lo ? lo : v > hi ? hi : v;
}

struct Fast {
  const IntConv2dAttrs& a;
  const Plan& pl;
  const int32_t* src;
  const int32_t* packed;
  const size_t* offsets;
  const uint32_t* widx;
  const uint32_t* starts;
  const int32_t* bias;
  int32_t* output;

  // Rows [q0, q1) of output phase (r, t), output channels block·4 …
  void run(uint32_t r, uint32_t t, uint32_t block, uint32_t q0, uint32_t q1) const {
    const uint32_t phase = r * pl.out_px + t;
    const uint32_t tap0 = starts[phase];
    const uint32_t tap1 = starts[phase + 1];
    const uint32_t qw = (pl.ow - t + pl.step - 1) / pl.step;
    const uint32_t channels = a.in_channels;
    const uint64_t plane = pl.sh * pl.sw;
    const int32_t round = a.shift > 0 ? static_cast<int32_t>(1u << (a.shift - 1)) : 0;
    int32_t b[kChannels];
    for (uint32_t k = 0; k < kChannels; ++k) {
      const uint32_t o = block * kChannels + k;
      b[k] = o < a.out_channels ? bias[o] : 0;
    }
    const int32_t* block_weights = packed + static_cast<uint64_t>(block) * channels * pl.taps * kChannels;
    for (uint32_t q = q0; q < q1; ++q) {
      for (uint32_t u0 = 0; u0 < qw; u0 += kBlock) {
        Vec acc[kChannels][kVecs];
        for (uint32_t k = 0; k < kChannels; ++k) {
          for (uint32_t v = 0; v < kVecs; ++v) acc[k][v] = Vec{} + b[k];
        }
        const int32_t* row = src + q * pl.sw + u0;
        for (uint32_t c = 0; c < channels; ++c) {
          const int32_t* base = row + c * plane;
          const int32_t* wc = block_weights + static_cast<uint64_t>(c) * pl.taps * kChannels;
          for (uint32_t tap = tap0; tap < tap1; ++tap) {
            const int32_t* x = base + offsets[tap];
            const int32_t* w = wc + widx[tap] * kChannels;
            const Vec x0 = load(x);
            const Vec x1 = load(x + kLanes);
            for (uint32_t k = 0; k < kChannels; ++k) {
              acc[k][0] += x0 * w[k];
              acc[k][1] += x1 * w[k];
            }
          }
        }
        const uint32_t oy = q * pl.step + r;
        for (uint32_t k = 0; k < kChannels; ++k) {
          const uint32_t o = block * kChannels + k;
          if (o >= a.out_channels) break;
          int32_t* out = output + (static_cast<uint64_t>(o) * pl.oh + oy) * pl.ow + t;
          for (uint32_t v = 0; v < kVecs; ++v) {
            for (uint32_t l = 0; l < kLanes; ++l) {
              const uint32_t u = u0 + v * kLanes + l;
              if (u >= qw) break;
              out[static_cast<uint64_t>(u) * pl.step] = finish(acc[k][v][l], round, a.shift, a.clamp_min, a.clamp_max);
            }
          }
        }
      }
    }
  }
};

void fast_path(const int32_t* input, const int32_t* weights, const int32_t* bias, const IntConv2dAttrs& a,
               const Plan& pl, int32_t* output, void* scratch, int threads) {
  uint8_t* bytes = static_cast<uint8_t*>(scratch);
  size_t* offsets = reinterpret_cast<size_t*>(bytes + pl.offsets_at);
  uint32_t* widx = reinterpret_cast<uint32_t*>(bytes + pl.widx_at);
  uint32_t* starts = reinterpret_cast<uint32_t*>(bytes + pl.starts_at);
  int32_t* packed = reinterpret_cast<int32_t*>(bytes + pl.packed_at);
  int32_t* src = reinterpret_cast<int32_t*>(bytes + pl.src_at);
  const uint32_t kh = a.kernel_height;
  const uint32_t kw = a.kernel_width;
  const uint32_t s = a.stride;
  const uint32_t channels = a.in_channels;
  const uint64_t plane = pl.sh * pl.sw;

  // Taps, grouped by output phase.
  uint32_t n = 0;
  if (!a.transposed) {
    starts[0] = 0;
    for (uint32_t i = 0; i < kh; ++i) {
      for (uint32_t j = 0; j < kw; ++j) {
        const uint64_t source_phase = static_cast<uint64_t>(i % s) * pl.src_px + j % s;
        offsets[n] = static_cast<size_t>(source_phase * channels * plane + (i / s) * pl.sw + j / s);
        widx[n++] = i * kw + j;
      }
    }
    starts[1] = n;
  } else {
    for (uint32_t r = 0; r < pl.out_py; ++r) {
      for (uint32_t t = 0; t < pl.out_px; ++t) {
        starts[r * pl.out_px + t] = n;
        for (uint32_t i = 0; i < kh; ++i) {
          if (floor_mod(static_cast<int64_t>(i) - a.padding, s) != r) continue;
          const int64_t dy = (static_cast<int64_t>(r) + a.padding - i) / s;
          for (uint32_t j = 0; j < kw; ++j) {
            if (floor_mod(static_cast<int64_t>(j) - a.padding, s) != t) continue;
            const int64_t dx = (static_cast<int64_t>(t) + a.padding - j) / s;
            const uint64_t row = static_cast<uint64_t>(dy + pl.off_y) * pl.sw;
            offsets[n] = static_cast<size_t>(row + static_cast<uint64_t>(dx + pl.off_x));
            widx[n++] = i * kw + j;
          }
        }
      }
    }
    starts[pl.out_py * pl.out_px] = n;
  }

  // Weights by block of output channels: packed[block][c][tap][k], zero past the last channel.
  const uint64_t w_out = a.transposed ? pl.taps : static_cast<uint64_t>(channels) * pl.taps;
  const uint64_t w_in = a.transposed ? static_cast<uint64_t>(a.out_channels) * pl.taps : pl.taps;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t bc = 0; bc < static_cast<int64_t>(pl.blocks) * channels; ++bc) {
    const uint32_t block = static_cast<uint32_t>(bc / channels);
    const uint32_t c = static_cast<uint32_t>(bc % channels);
    int32_t* dst = packed + static_cast<uint64_t>(bc) * pl.taps * kChannels;
    for (uint32_t tap = 0; tap < pl.taps; ++tap) {
      for (uint32_t k = 0; k < kChannels; ++k) {
        const uint32_t o = block * kChannels + k;
        dst[tap * kChannels + k] = o < a.out_channels ? weights[o * w_out + c * w_in + tap] : 0;
      }
    }
  }

  // The zero-padded source, phase by phase.
  const int64_t sources = static_cast<int64_t>(pl.src_py) * pl.src_px * channels;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t pc = 0; pc < sources; ++pc) {
    const uint32_t c = static_cast<uint32_t>(pc % channels);
    const uint32_t phase = static_cast<uint32_t>(pc / channels);
    const int64_t ay = phase / pl.src_px - pl.off_y;
    const int64_t ax = phase % pl.src_px - pl.off_x;
    int32_t* dst = src + static_cast<uint64_t>(pc) * plane;
    const int32_t* in = input + static_cast<uint64_t>(c) * a.height * a.width;
    for (uint64_t yy = 0; yy < pl.sh; ++yy) {
      const int64_t y = static_cast<int64_t>(yy) * pl.m + ay;
      int32_t* out = dst + yy * pl.sw;
      if (y < 0 || y >= a.height) {
        for (uint64_t xx = 0; xx < pl.sw; ++xx) out[xx] = 0;
        continue;
      }
      const int32_t* in_row = in + static_cast<uint64_t>(y) * a.width;
      for (uint64_t xx = 0; xx < pl.sw; ++xx) {
        const int64_t x = static_cast<int64_t>(xx) * pl.m + ax;
        out[xx] = x >= 0 && x < a.width ? in_row[x] : 0;
      }
    }
  }

  // Tasks: output phase × channel block × a share of the rows (enough tasks for the threads).
  const uint32_t phases = pl.out_py * pl.out_px;
  const uint32_t rows = (pl.oh + pl.step - 1) / pl.step;
  const uint64_t coarse = static_cast<uint64_t>(phases) * pl.blocks;
  uint32_t chunks = 1;
  if (threads > 1) {
    const uint64_t wanted = (4ull * threads + coarse - 1) / coarse;
    chunks = static_cast<uint32_t>(wanted < rows ? wanted : rows);
  }
  const Fast fast{a, pl, src, packed, offsets, widx, starts, bias, output};
  const int64_t tasks = static_cast<int64_t>(coarse) * chunks;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
  for (int64_t task = 0; task < tasks; ++task) {
    const uint32_t chunk = static_cast<uint32_t>(task % chunks);
    const uint32_t block = static_cast<uint32_t>(task / chunks % pl.blocks);
    const uint32_t phase = static_cast<uint32_t>(task / chunks / pl.blocks);
    const uint32_t r = phase / pl.out_px;
    const uint32_t t = phase % pl.out_px;
    const uint32_t qh = (pl.oh - r + pl.step - 1) / pl.step;
    const uint32_t q0 = static_cast<uint32_t>(static_cast<uint64_t>(qh) * chunk / chunks);
    const uint32_t q1 = static_cast<uint32_t>(static_cast<uint64_t>(qh) * (chunk + 1) / chunks);
    fast.run(r, t, block, q0, q1);
  }
}

// Without scratch: accumulate into the output planes as the contract states the sum, then
// round, shift and clamp in place.
void direct_path(const int32_t* input, const int32_t* weights, const int32_t* bias, const IntConv2dAttrs& a,
                 uint32_t oh, uint32_t ow, int32_t* output, int threads) {
  const int64_t s = a.stride;
  const int64_t p = a.padding;
  const uint32_t kh = a.kernel_height;
  const uint32_t kw = a.kernel_width;
  const uint64_t plane = static_cast<uint64_t>(oh) * ow;
  const int32_t round = a.shift > 0 ? static_cast<int32_t>(1u << (a.shift - 1)) : 0;
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int64_t o = 0; o < static_cast<int64_t>(a.out_channels); ++o) {
    int32_t* acc = output + static_cast<uint64_t>(o) * plane;
    for (uint64_t k = 0; k < plane; ++k) acc[k] = bias[o];
    for (uint32_t c = 0; c < a.in_channels; ++c) {
      const int32_t* in = input + static_cast<uint64_t>(c) * a.height * a.width;
      for (uint32_t i = 0; i < kh; ++i) {
        for (uint32_t j = 0; j < kw; ++j) {
          const uint64_t at = a.transposed ? ((static_cast<uint64_t>(c) * a.out_channels + o) * kh + i) * kw + j
                                           : ((static_cast<uint64_t>(o) * a.in_channels + c) * kh + i) * kw + j;
          const int32_t w = weights[at];
          if (w == 0) continue;
          if (a.transposed) {
            for (int64_t y = 0; y < a.height; ++y) {
              const int64_t oy = y * s - p + i;
              if (oy < 0 || oy >= oh) continue;
              for (int64_t x = 0; x < a.width; ++x) {
                const int64_t ox = x * s - p + j;
                if (ox >= 0 && ox < ow) acc[oy * ow + ox] += w * in[y * a.width + x];
              }
            }
          } else {
            for (int64_t oy = 0; oy < oh; ++oy) {
              const int64_t y = oy * s - p + i;
              if (y < 0 || y >= a.height) continue;
              for (int64_t ox = 0; ox < ow; ++ox) {
                const int64_t x = ox * s - p + j;
                if (x >= 0 && x < a.width) acc[oy * ow + ox] += w * in[y * a.width + x];
              }
            }
          }
        }
      }
    }
    for (uint64_t k = 0; k < plane; ++k) acc[k] = finish(acc[k], round, a.shift, a.clamp_min, a.clamp_max);
  }
}

uint32_t output_size(const IntConv2dAttrs& a, uint32_t n, uint32_t k) {
  const int64_t s = a.stride;
  const int64_t p = a.padding;
  const int64_t size = a.transposed ? (static_cast<int64_t>(n) - 1) * s - 2 * p + k + a.output_padding
                                    : floor_div(static_cast<int64_t>(n) + 2 * p - k, s) + 1;
  return size < 0 ? 0 : static_cast<uint32_t>(size);
}

}  // namespace

uint32_t int_conv2d_output_height(const IntConv2dAttrs& attrs) {
  return output_size(attrs, attrs.height, attrs.kernel_height);
}

uint32_t int_conv2d_output_width(const IntConv2dAttrs& attrs) {
  return output_size(attrs, attrs.width, attrs.kernel_width);
}

uint64_t int_conv2d_scratch_bytes(const IntConv2dAttrs& attrs) {
  const Plan pl = make_plan(attrs);
  const uint64_t inputs = static_cast<uint64_t>(attrs.in_channels) * attrs.height * attrs.width;
  const uint64_t weights = static_cast<uint64_t>(attrs.in_channels) * attrs.out_channels * pl.taps;
  const uint64_t outputs = static_cast<uint64_t>(attrs.out_channels) * pl.oh * pl.ow;
  const uint64_t limit = 4 * (inputs + weights + outputs) + (1u << 20);
  return pl.src_elements + pl.packed_elements > limit ? 0 : pl.bytes;
}

void int_conv2d(const int32_t* input, const int32_t* weights, const int32_t* bias, const IntConv2dAttrs& attrs,
                int32_t* output, void* scratch, int threads) {
  if (threads < 1) threads = 1;
  const Plan pl = make_plan(attrs);
  if (pl.oh == 0 || pl.ow == 0) return;
  if (scratch) {
    fast_path(input, weights, bias, attrs, pl, output, scratch, threads);
  } else {
    direct_path(input, weights, bias, attrs, pl.oh, pl.ow, output, threads);
  }
}

}  // namespace lico
