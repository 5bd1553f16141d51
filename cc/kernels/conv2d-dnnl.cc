#include "conv2d-dnnl.h"

#include <omp.h>

#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <oneapi/dnnl/dnnl.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

namespace lico::conv2d_dnnl {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

dnnl::engine& cpu() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpu_stream() {
  static dnnl::stream stream(cpu());
  return stream;
}

// Grow-only buffers for the blocked copies of a pass's three tensors, reused by every call.
struct Scratch {
  void* data = nullptr;
  size_t bytes = 0;
  void* get(size_t wanted) {
    if (wanted > bytes) {
      std::free(data);
      const size_t rounded = (wanted + 4095) / 4096 * 4096;
      data = std::aligned_alloc(4096, rounded);
      if (!data) {
        bytes = 0;
        throw std::bad_alloc();
      }
      bytes = rounded;
    }
    return data;
  }
};
Scratch scratch[3];

memory::dims big_dims(const Geometry& g) { return {g.n, g.big_c, g.big_h, g.big_w}; }
memory::dims small_dims(const Geometry& g) { return {g.n, g.small_c, g.small_h, g.small_w}; }
memory::dims weight_dims(const Geometry& g) { return {g.small_c, g.big_c, g.kernel_h, g.kernel_w}; }
memory::desc any(const memory::dims& dims) { return memory::desc(dims, dt::f32, tag::any); }

// Right and bottom padding that make oneDNN's output size the small side's (negative when the
// floor of PyTorch's size formula drops input rows).
memory::dims padding_r(const Geometry& g) {
  const int64_t s = g.stride, p = g.padding;
  return {(static_cast<int64_t>(g.small_h) - 1) * s + g.kernel_h - g.big_h - p,
          (static_cast<int64_t>(g.small_w) - 1) * s + g.kernel_w - g.big_w - p};
}

// The primitives of one geometry, made on first use.
struct Entry {
  std::optional<dnnl::convolution_forward::primitive_desc> forward_pd[2];  // [with bias]
  std::optional<dnnl::convolution_forward> forward[2];
  std::optional<dnnl::convolution_backward_data::primitive_desc> backward_data_pd;
  std::optional<dnnl::convolution_backward_data> backward_data;
  std::optional<dnnl::convolution_backward_weights::primitive_desc> backward_weights_pd[2];
  std::optional<dnnl::convolution_backward_weights> backward_weights[2];
};

using Key = std::array<uint32_t, 11>;
std::map<Key, Entry>& cache() {
  static std::map<Key, Entry> entries;
  return entries;
}

// A model trains on a handful of geometries; many more (evaluation at every image size) start
// the cache over rather than keep every primitive.
constexpr size_t kMostCachedGeometries = 256;

Entry& entry_of(const Geometry& g) {
  const Key key{g.n, g.big_c, g.big_h, g.big_w, g.small_c, g.small_h, g.small_w, g.kernel_h, g.kernel_w, g.stride,
                g.padding};
  auto& entries = cache();
  if (entries.size() >= kMostCachedGeometries && entries.find(key) == entries.end()) entries.clear();
  return entries[key];
}

// The cache and the scratch buffers are shared: one convolution at a time (Node worker threads
// may each call the addon).
std::mutex& conv_mutex() {
  static std::mutex mutex;
  return mutex;
}

const dnnl::convolution_forward::primitive_desc& forward_pd(const Geometry& g, Entry& e, bool bias) {
  auto& pd = e.forward_pd[bias];
  if (!pd) {
    const memory::dims strides{g.stride, g.stride}, pad_l{g.padding, g.padding};
    const auto desc =
        bias ? dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                               any(big_dims(g)), any(weight_dims(g)),
                                               memory::desc({g.small_c}, dt::f32, tag::x), any(small_dims(g)), strides,
                                               pad_l, padding_r(g))
             : dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                               any(big_dims(g)), any(weight_dims(g)), any(small_dims(g)), strides,
                                               pad_l, padding_r(g));
    pd.emplace(desc, cpu());
  }
  return *pd;
}

// A user tensor in plain layout, bound to the layout a primitive wants: the user's memory
// itself when they agree, else a scratch copy (filled by a reorder for inputs).
memory bind(const memory::desc& user_desc, const void* user, const memory::desc& wanted, int slot, bool input) {
  memory user_memory(user_desc, cpu(), const_cast<void*>(user));
  if (wanted == user_desc) return user_memory;
  memory internal(wanted, cpu(), scratch[slot].get(wanted.get_size()));
  if (input) dnnl::reorder(user_memory, internal).execute(cpu_stream(), user_memory, internal);
  return internal;
}

// Copies an output from the primitive's layout back to the user's when they differ.
void unbind(const memory& internal, const memory::desc& user_desc, void* user) {
  if (internal.get_desc() == user_desc) return;
  memory user_memory(user_desc, cpu(), user);
  dnnl::reorder(internal, user_memory).execute(cpu_stream(), const_cast<memory&>(internal), user_memory);
}

memory::desc plain(const memory::dims& dims, tag t) { return memory::desc(dims, dt::f32, t); }

template <typename Work>
ErrorDetail guarded(Work work) {
  std::lock_guard<std::mutex> lock(conv_mutex());
  try {
    work();
    cpu_stream().wait();
    return {};
  } catch (const dnnl::error& error) {
    return {Status::kLibraryFailure, static_cast<uint32_t>(error.status), 0};
  } catch (const std::bad_alloc&) {
    return {Status::kOutOfMemory, 0, 0};
  }
}

// A transposed convolution into few channels (an image) wastes most of oneDNN's 16-channel
// blocks; there, cols = Wᵀ · small (one sgemm per image) and a col2im scatter are much faster.
constexpr uint32_t kGemmScatterBelowChannels = 16;

void col2im(const Geometry& g, const float* cols, float* big) {
  const uint64_t small_plane = static_cast<uint64_t>(g.small_h) * g.small_w;
  const uint64_t big_plane = static_cast<uint64_t>(g.big_h) * g.big_w;
  for (uint64_t k = 0; k < g.big_c * big_plane; ++k) big[k] = 0;
  for (uint32_t c = 0; c < g.big_c; ++c) {
    float* plane = big + c * big_plane;
    for (uint32_t i = 0; i < g.kernel_h; ++i) {
      for (uint32_t j = 0; j < g.kernel_w; ++j) {
        const float* row = cols + ((static_cast<uint64_t>(c) * g.kernel_h + i) * g.kernel_w + j) * small_plane;
        for (uint32_t y = 0; y < g.small_h; ++y) {
          const int64_t by = static_cast<int64_t>(y) * g.stride - g.padding + i;
          if (by < 0 || by >= g.big_h) continue;
          float* out = plane + by * g.big_w;
          const float* in = row + static_cast<uint64_t>(y) * g.small_w;
          for (uint32_t x = 0; x < g.small_w; ++x) {
            const int64_t bx = static_cast<int64_t>(x) * g.stride - g.padding + j;
            if (bx >= 0 && bx < g.big_w) out[bx] += in[x];
          }
        }
      }
    }
  }
}

ErrorDetail scatter_gemm(const Geometry& g, const float* small, const float* weights, float* big) {
  const int64_t rows = static_cast<int64_t>(g.big_c) * g.kernel_h * g.kernel_w;
  const int64_t small_plane = static_cast<int64_t>(g.small_h) * g.small_w;
  const uint64_t big_image = static_cast<uint64_t>(g.big_c) * g.big_h * g.big_w;
  const int threads = omp_get_max_threads();
  // Enough images: one per thread, each sgemm on one thread; else the images in turn, each
  // sgemm on every thread.
  const bool per_image = static_cast<int>(g.n) >= threads;
  const int workers = per_image ? threads : 1;
  std::vector<float*> cols(workers, nullptr);
  for (auto& c : cols) {
    c = static_cast<float*>(std::aligned_alloc(64, (rows * small_plane * sizeof(float) + 63) / 64 * 64));
    if (!c) {
      for (auto* p : cols) std::free(p);
      return {Status::kOutOfMemory, 0, 0};
    }
  }
  int failed = 0;
  auto image = [&](uint32_t n, float* col) {
    const dnnl_status_t status = dnnl_sgemm('T', 'N', rows, small_plane, g.small_c, 1.0f, weights, rows,
                                            small + static_cast<uint64_t>(n) * g.small_c * small_plane, small_plane,
                                            0.0f, col, small_plane);
    if (status != dnnl_success) failed = static_cast<int>(status);
    col2im(g, col, big + n * big_image);
  };
  if (per_image) {
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (uint32_t n = 0; n < g.n; ++n) image(n, cols[omp_get_thread_num()]);
  } else {
    for (uint32_t n = 0; n < g.n; ++n) image(n, cols[0]);
  }
  for (auto* p : cols) std::free(p);
  if (failed) return {Status::kLibraryFailure, static_cast<uint32_t>(failed), 0};
  return {};
}

}  // namespace

Geometry geometry_of(const Conv2dAttrs& a) {
  const uint32_t oh = conv2d_output_height(a), ow = conv2d_output_width(a);
  if (a.transposed)
    return {a.batch, a.out_channels, oh, ow, a.in_channels, a.height, a.width, a.kernel_height, a.kernel_width,
            a.stride, a.padding};
  return {a.batch, a.in_channels, a.height, a.width, a.out_channels, oh, ow, a.kernel_height, a.kernel_width,
          a.stride, a.padding};
}

ErrorDetail gather(const Geometry& g, const float* big, const float* weights, const float* bias, float* small) {
  return guarded([&] {
    Entry& e = entry_of(g);
    const bool with_bias = bias != nullptr;
    const auto& pd = forward_pd(g, e, with_bias);
    if (!e.forward[with_bias]) e.forward[with_bias].emplace(pd);
    const memory::desc small_user = plain(small_dims(g), tag::nchw);
    memory src = bind(plain(big_dims(g), tag::nchw), big, pd.src_desc(), 0, true);
    memory wei = bind(plain(weight_dims(g), tag::oihw), weights, pd.weights_desc(), 1, true);
    memory dst = bind(small_user, small, pd.dst_desc(), 2, false);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DST, dst}};
    if (with_bias) args.emplace(DNNL_ARG_BIAS, memory(memory::desc({g.small_c}, dt::f32, tag::x), cpu(),
                                                      const_cast<float*>(bias)));
    e.forward[with_bias]->execute(cpu_stream(), args);
    unbind(dst, small_user, small);
  });
}

ErrorDetail scatter(const Geometry& g, const float* small, const float* weights, float* big) {
  if (g.big_c < kGemmScatterBelowChannels) return scatter_gemm(g, small, weights, big);
  return guarded([&] {
    Entry& e = entry_of(g);
    if (!e.backward_data_pd) {
      const dnnl::convolution_backward_data::desc desc(
          dnnl::algorithm::convolution_direct, any(big_dims(g)), any(weight_dims(g)), any(small_dims(g)),
          {g.stride, g.stride}, {g.padding, g.padding}, padding_r(g));
      e.backward_data_pd.emplace(desc, cpu(), forward_pd(g, e, false));
      e.backward_data.emplace(*e.backward_data_pd);
    }
    const auto& pd = *e.backward_data_pd;
    const memory::desc big_user = plain(big_dims(g), tag::nchw);
    memory diff_dst = bind(plain(small_dims(g), tag::nchw), small, pd.diff_dst_desc(), 0, true);
    memory wei = bind(plain(weight_dims(g), tag::oihw), weights, pd.weights_desc(), 1, true);
    memory diff_src = bind(big_user, big, pd.diff_src_desc(), 2, false);
    e.backward_data->execute(cpu_stream(),
                             {{DNNL_ARG_DIFF_DST, diff_dst}, {DNNL_ARG_WEIGHTS, wei}, {DNNL_ARG_DIFF_SRC, diff_src}});
    unbind(diff_src, big_user, big);
  });
}

ErrorDetail filter_gradient(const Geometry& g, const float* big, const float* small, float* weights_grad,
                            float* bias_grad) {
  return guarded([&] {
    Entry& e = entry_of(g);
    const bool with_bias = bias_grad != nullptr;
    auto& pd = e.backward_weights_pd[with_bias];
    if (!pd) {
      const memory::dims strides{g.stride, g.stride}, pad_l{g.padding, g.padding};
      const auto desc = with_bias ? dnnl::convolution_backward_weights::desc(
                                        dnnl::algorithm::convolution_direct, any(big_dims(g)), any(weight_dims(g)),
                                        memory::desc({g.small_c}, dt::f32, tag::x), any(small_dims(g)), strides,
                                        pad_l, padding_r(g))
                                  : dnnl::convolution_backward_weights::desc(
                                        dnnl::algorithm::convolution_direct, any(big_dims(g)), any(weight_dims(g)),
                                        any(small_dims(g)), strides, pad_l, padding_r(g));
      pd.emplace(desc, cpu(), forward_pd(g, e, with_bias));
      e.backward_weights[with_bias].emplace(*pd);
    }
    const memory::desc weights_user = plain(weight_dims(g), tag::oihw);
    memory src = bind(plain(big_dims(g), tag::nchw), big, pd->src_desc(), 0, true);
    memory diff_dst = bind(plain(small_dims(g), tag::nchw), small, pd->diff_dst_desc(), 1, true);
    memory diff_wei = bind(weights_user, weights_grad, pd->diff_weights_desc(), 2, false);
    std::unordered_map<int, memory> args{
        {DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, diff_dst}, {DNNL_ARG_DIFF_WEIGHTS, diff_wei}};
    if (with_bias)
      args.emplace(DNNL_ARG_DIFF_BIAS, memory(memory::desc({g.small_c}, dt::f32, tag::x), cpu(), bias_grad));
    e.backward_weights[with_bias]->execute(cpu_stream(), args);
    unbind(diff_wei, weights_user, weights_grad);
  });
}

void add_bias(float* tensor, const float* bias, uint32_t batch, uint32_t channels, uint64_t plane) {
  const int64_t planes = static_cast<int64_t>(batch) * channels;
#pragma omp parallel for schedule(static)
  for (int64_t k = 0; k < planes; ++k) {
    float* p = tensor + k * plane;
    const float b = bias[k % channels];
    for (uint64_t i = 0; i < plane; ++i) p[i] += b;
  }
}

void channel_sums(const float* tensor, uint32_t batch, uint32_t channels, uint64_t plane, float* sums) {
#pragma omp parallel for schedule(static)
  for (int64_t c = 0; c < static_cast<int64_t>(channels); ++c) {
    double total = 0;
    for (uint32_t n = 0; n < batch; ++n) {
      const float* p = tensor + (static_cast<uint64_t>(n) * channels + c) * plane;
      float partial = 0;
#pragma omp simd reduction(+ : partial)
      for (uint64_t i = 0; i < plane; ++i) partial += p[i];
      total += partial;
    }
    sums[c] = static_cast<float>(total);
  }
}

}  // namespace lico::conv2d_dnnl
