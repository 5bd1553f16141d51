// Native tests of the C++ kernels, without Node or a browser:
//   g++ -std=c++17 -O2 -march=x86-64-v3 -fopenmp cc/test/kernels-test.cc cc/kernels/*.cc -ldnnl && ./a.out
// (`npm run test:cc -w @lico/backend-native` does this). Byte-exactness against the js
// reference is the conformance suite's job; these check round trips and known values.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "../kernels/AdamUpdate.h"
#include "../kernels/Conv2d.h"
#include "../kernels/Conv2dBackpropFilter.h"
#include "../kernels/Conv2dBackpropInput.h"
#include "../kernels/DequantizeScalar.h"
#include "../kernels/Gdn.h"
#include "../kernels/GdnBackprop.h"
#include "../kernels/IntConv2d.h"
#include "../kernels/PmfToQuantizedCdf.h"
#include "../kernels/QuantizeScalar.h"
#include "../kernels/RansDecode.h"
#include "../kernels/RansEncode.h"
#include "../kernels/TcqDequantize.h"
#include "../kernels/TcqQuantize.h"
#include "../kernels/rans-tables.h"

namespace {

int failures = 0;
int passes = 0;

void check(bool ok, const char* what) {
  if (ok) {
    ++passes;
  } else {
    ++failures;
    std::printf("FAIL: %s\n", what);
  }
}

std::vector<uint32_t> quantize(const std::vector<uint32_t>& pmf, uint32_t precision) {
  const uint32_t starts[2] = {0, static_cast<uint32_t>(pmf.size())};
  std::vector<uint32_t> cdf(pmf.size() + 1);
  std::vector<uint64_t> scratch(lico::pmf_to_quantized_cdf_scratch_bytes(starts[1]) / 8 + 1);
  lico::pmf_to_quantized_cdf(pmf.data(), starts, 1, precision, cdf.data(), scratch.data());
  return cdf;
}

void test_pmf_known_values() {
  check(quantize({3, 1}, 4) == std::vector<uint32_t>({0, 12, 16}), "pmf {3,1} at 4 bits: tie goes to symbol 0");
  check(quantize({0, 0, 0}, 3) == std::vector<uint32_t>({0, 3, 6, 8}), "all-zero pmf counts as uniform");
  check(quantize({1, 1}, 1) == std::vector<uint32_t>({0, 1, 2}), "full 1-bit table");
  check(quantize({0xffffffffu, 0, 1}, 16) == std::vector<uint32_t>({0, 65534, 65535, 65536}),
        "every symbol keeps a nonzero frequency");
}

struct Tables {
  std::vector<uint32_t> cdf, starts;
  std::vector<int32_t> offsets;
  std::vector<lico::RansTable> tables;
  std::vector<uint32_t> info, buckets;
  std::vector<int32_t> value;
  lico::RansTableSet set;
};

void build_tables(Tables& tb, uint32_t count, uint32_t precision, std::mt19937& rng) {
  std::vector<uint32_t> pmf, pmf_starts{0};
  for (uint32_t t = 0; t < count; ++t) {
    const uint32_t n = 1 + rng() % 80;
    for (uint32_t s = 0; s < n; ++s) pmf.push_back(static_cast<uint32_t>(1e6 * std::exp(-0.3 * s)) + rng() % 3);
    pmf_starts.push_back(static_cast<uint32_t>(pmf.size()));
  }
  tb.cdf.assign(pmf.size() + count, 0);
  std::vector<uint64_t> scratch(lico::pmf_to_quantized_cdf_scratch_bytes(80) / 8 + 1);
  lico::pmf_to_quantized_cdf(pmf.data(), pmf_starts.data(), count, precision, tb.cdf.data(), scratch.data());
  for (uint32_t t = 0; t <= count; ++t) tb.starts.push_back(pmf_starts[t] + t);
  for (uint32_t t = 0; t < count; ++t) tb.offsets.push_back(static_cast<int32_t>(rng() % 11) - 5);
  const lico::RansTableSizes sizes = lico::rans_table_sizes(count, tb.cdf.size(), precision);
  tb.tables.resize(count);
  tb.info.resize(sizes.symbols);
  tb.value.resize(sizes.symbols);
  tb.buckets.resize(sizes.buckets);
  tb.set = lico::rans_tables_build(tb.cdf.data(), tb.starts.data(), tb.offsets.data(), count, precision, sizes,
                                   tb.tables.data(), tb.info.data(), tb.value.data(), tb.buckets.data());
}

struct Encoded {
  std::vector<uint8_t> stream;  // lanes then escapes, padded
  std::vector<uint32_t> lane_starts;
  uint32_t escape_start, escape_end;
};

Encoded encode(const Tables& tb, const std::vector<int32_t>& values, const std::vector<int32_t>& indexes,
               uint32_t lanes, int threads) {
  const uint32_t n = static_cast<uint32_t>(values.size());
  std::vector<uint8_t> bytes(lico::rans_encode_lane_capacity(n, lanes));
  std::vector<uint32_t> lengths(lanes);
  std::vector<uint64_t> scratch(lico::rans_encode_scratch_bytes(n, lanes) / 8 + 1);
  uint64_t escape_bits = 0;
  lico::ErrorDetail error;
  const lico::Status status = lico::rans_encode_lanes(tb.set, values.data(), indexes.data(), n, lanes, bytes.data(),
                                                      lengths.data(), scratch.data(), threads, &escape_bits, &error);
  check(status == lico::Status::kOk, "encode succeeds");
  Encoded e;
  e.lane_starts.push_back(0);
  for (uint32_t j = 0; j < lanes; ++j) e.lane_starts.push_back(e.lane_starts.back() + lengths[j]);
  e.escape_start = e.lane_starts.back();
  e.escape_end = e.escape_start + static_cast<uint32_t>((escape_bits + 7) / 8);
  e.stream.assign(bytes.begin(), bytes.begin() + e.escape_start);
  e.stream.resize(e.escape_end + lico::kRansStreamPadding);
  lico::rans_encode_escapes(tb.set, values.data(), indexes.data(), n, scratch.data(), e.stream.data() + e.escape_start);
  return e;
}

lico::Status decode(const Tables& tb, const Encoded& e, const std::vector<int32_t>& indexes,
                    std::vector<int32_t>& out, int threads) {
  const uint32_t n = static_cast<uint32_t>(indexes.size());
  const uint32_t lanes = static_cast<uint32_t>(e.lane_starts.size() - 1);
  out.assign(n, 0);
  std::vector<uint64_t> scratch(lico::rans_decode_scratch_bytes(n, lanes) / 8 + 1);
  const lico::RansDecodeLayout layout{lanes, e.lane_starts.data(), e.escape_start, e.escape_end};
  lico::ErrorDetail error;
  return lico::rans_decode(tb.set, e.stream.data(), layout, indexes.data(), n, out.data(), scratch.data(), threads,
                           &error);
}

void test_round_trip(uint32_t precision, uint32_t n, uint32_t lanes, double escape_share, int threads) {
  std::mt19937 rng(precision * 1000 + n + lanes);
  Tables tb;
  build_tables(tb, 20, precision, rng);
  std::vector<int32_t> values(n), indexes(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t t = rng() % 20;
    indexes[i] = static_cast<int32_t>(t);
    const uint32_t symbols = tb.starts[t + 1] - tb.starts[t] - 1;
    if (std::uniform_real_distribution<double>(0, 1)(rng) < escape_share) {
      values[i] = rng() % 2 ? INT32_MIN : static_cast<int32_t>(rng() % 5000) + tb.offsets[t] + static_cast<int32_t>(symbols);
    } else {
      const uint32_t slot = rng() % (1u << precision);
      uint32_t s = 0;
      while (tb.cdf[tb.starts[t] + s + 1] <= slot) ++s;
      values[i] = tb.offsets[t] + static_cast<int32_t>(s);
    }
  }
  const Encoded e = encode(tb, values, indexes, lanes, threads);
  std::vector<int32_t> decoded;
  char what[160];
  std::snprintf(what, sizeof what, "round trip at %u bits, %u symbols, %u lanes, %d threads", precision, n, lanes,
                threads);
  check(decode(tb, e, indexes, decoded, threads) == lico::Status::kOk && decoded == values, what);

  if (e.escape_start > 8) {
    Encoded cut = e;
    cut.lane_starts.back() -= 1;  // the last lane loses its last byte
    std::snprintf(what, sizeof what, "a shortened lane is rejected (%u lanes)", lanes);
    check(decode(tb, cut, indexes, decoded, threads) != lico::Status::kOk, what);
  }
  std::vector<int32_t> bad = indexes;
  if (n > 0) {
    bad[n / 2] = 1 << 20;
    check(decode(tb, e, bad, decoded, threads) == lico::Status::kTableIndexOutOfRange, "bad table index is reported");
  }
}


void test_scalar_quantize_known_values() {
  const int32_t latents[] = {0, 5, 6, -6, -7, 1000, -1, 268435455};
  const int32_t means[] = {0, 0, 0, 0, 0, 10, -1, -268435455};
  int32_t k[8], r[8];
  lico::quantize_scalar(latents, nullptr, 8, 4, 2, k, r);
  const int32_t want_k[] = {0, 1, 2, -2, -2, 250, 0, 67108864};
  const int32_t want_r[] = {0, 4, 8, -8, -8, 1000, 0, 268435456};
  check(std::memcmp(k, want_k, sizeof k) == 0 && std::memcmp(r, want_r, sizeof r) == 0,
        "uniform scalar quantization rounds half away from zero, symmetric in sign");
  lico::quantize_scalar(latents, means, 8, 4, 0, k, r);
  const int32_t dead_k[] = {0, 1, 1, -1, -1, 247, 0, 134217727};
  const int32_t dead_r[] = {0, 4, 4, -4, -4, 998, -1, 268435453};
  check(std::memcmp(k, dead_k, sizeof k) == 0 && std::memcmp(r, dead_r, sizeof r) == 0,
        "dead-zone scalar quantization (rounding 0) around means");
  const int32_t indexes[] = {3, -3, 1 << 30, INT32_MIN};
  int32_t out[4];
  lico::dequantize_scalar(indexes, nullptr, 4, 4, out);
  check(out[0] == 12 && out[1] == -12 && out[2] == 0 && out[3] == 0, "dequantization wraps like int32");
}

// TcqQuantize written out as the contract states it (every candidate, every state, u32
// metrics kept in 64 bits): the kernel's reduced and SIMD paths must match it exactly.
struct TcqCase {
  std::vector<int32_t> latents, means, tables;
  std::vector<uint32_t> costs, starts;
  std::vector<int32_t> offsets;
  uint32_t step, states, sequence_length, bit_cost;
};

uint64_t reference_rate(const TcqCase& c, uint32_t row, int64_t k) {
  const int64_t begin = c.starts[row];
  const int64_t escape = c.starts[row + 1] - begin - 1;
  const int64_t s = k - c.offsets[row];
  if (s >= 0 && s < escape) return c.costs[begin + s];
  const int64_t code = s < 0 ? 2 * (-s - 1) : 2 * (s - escape) + 1;
  int64_t log2 = 0;
  while ((code + 1) >> (log2 + 1)) ++log2;
  return c.costs[begin + escape] + static_cast<uint64_t>(c.bit_cost) * (2 * log2 + 1);
}

int64_t reference_level(int64_t k, uint32_t q, uint32_t step) {
  return q == 0 ? 2 * k * step : (2 * k - (k > 0) + (k < 0)) * step;
}

void reference_tcq(const TcqCase& c, std::vector<int32_t>& indexes, std::vector<int32_t>& recon) {
  const uint32_t n = static_cast<uint32_t>(c.latents.size());
  const uint32_t S = c.states;
  const uint64_t kUnreached = 0xffffffffu;
  const auto quantizer = [&](uint32_t s) { return S == 4 ? s >> 1 : s & 1; };
  // packages/core/src/trellis.ts
  static const uint8_t t4[4][2] = {{0, 2}, {2, 0}, {1, 3}, {3, 1}};
  static const uint8_t t8[8][2] = {{0, 2}, {5, 7}, {1, 3}, {6, 4}, {2, 0}, {4, 6}, {3, 1}, {7, 5}};
  const auto next_state = [&](uint32_t s, int64_t k) -> uint32_t { return S == 4 ? t4[s][k & 1] : t8[s][k & 1]; };
  indexes.assign(n, 0);
  recon.assign(n, 0);
  for (uint32_t begin = 0; begin < n; begin += c.sequence_length) {
    const uint32_t length = std::min(c.sequence_length, n - begin);
    std::vector<uint8_t> from(length * S, 0);
    std::vector<int64_t> chosen(length * S, 0);
    std::vector<uint64_t> metric(S, kUnreached);
    metric[0] = 0;
    for (uint32_t j = 0; j < length; ++j) {
      const uint32_t i = begin + j;
      const int64_t mean = c.means.empty() ? 0 : c.means[i];
      const int64_t v = c.latents[i] - mean;
      std::vector<uint64_t> next(S, kUnreached);
      for (uint32_t s = 0; s < S; ++s) {
        if (metric[s] == kUnreached) continue;
        const uint32_t q = quantizer(s);
        const int64_t sign = v < 0 ? -1 : 1;
        const int64_t m = (std::llabs(v) + (q == 0 ? 0 : c.step)) / (2 * int64_t{c.step});
        std::vector<int64_t> candidates = m == 0 ? std::vector<int64_t>{0, sign}
                                                 : std::vector<int64_t>{sign * m, sign * (m + 1), 0};
        for (int64_t k : candidates) {
          const int64_t e = v - reference_level(k, q, c.step);
          const uint64_t distortion = std::llabs(e) < (1 << 14) ? static_cast<uint64_t>(e * e) : 1u << 28;
          const uint64_t total =
              std::min(metric[s] + distortion + reference_rate(c, 2 * c.tables[i] + q, k), kUnreached);
          const uint32_t d = next_state(s, k);
          if (total < next[d]) {
            next[d] = total;
            from[j * S + d] = static_cast<uint8_t>(s);
            chosen[j * S + d] = k;
          }
        }
      }
      const uint64_t least = *std::min_element(next.begin(), next.end());
      for (uint32_t s = 0; s < S; ++s) metric[s] = next[s] == kUnreached ? kUnreached : next[s] - least;
    }
    uint32_t state = static_cast<uint32_t>(std::min_element(metric.begin(), metric.end()) - metric.begin());
    for (uint32_t j = length; j-- > 0;) {
      indexes[begin + j] = static_cast<int32_t>(chosen[j * S + state]);
      state = from[j * S + state];
    }
    state = 0;
    for (uint32_t j = 0; j < length; ++j) {
      const uint32_t i = begin + j;
      const int64_t k = indexes[i];
      recon[i] = static_cast<int32_t>(reference_level(k, quantizer(state), c.step) + (c.means.empty() ? 0 : c.means[i]));
      state = next_state(state, k);
    }
  }
}

TcqCase random_tcq_case(std::mt19937& rng, uint32_t n, uint32_t states, uint32_t step, int32_t spread,
                        uint32_t sequence_length, uint32_t bit_cost, bool means, bool dear) {
  TcqCase c;
  const uint32_t tables = 1 + rng() % 4;
  c.starts.push_back(0);
  for (uint32_t r = 0; r < 2 * tables; ++r) {
    const uint32_t length = 1 + rng() % 12;
    for (uint32_t j = 0; j < length; ++j) {
      c.costs.push_back(dear && rng() % 4 != 0 ? (1u << 28) - rng() % 4 : rng() % (rng() % 2 ? 11 : 1u << 20));
    }
    c.starts.push_back(static_cast<uint32_t>(c.costs.size()));
    c.offsets.push_back(static_cast<int32_t>(rng() % 12) - 8);
  }
  std::uniform_int_distribution<int32_t> value(-spread, spread);
  for (uint32_t i = 0; i < n; ++i) {
    c.latents.push_back(value(rng));
    if (means) c.means.push_back(value(rng));
    c.tables.push_back(static_cast<int32_t>(rng() % tables));
  }
  c.step = step;
  c.states = states;
  c.sequence_length = sequence_length;
  c.bit_cost = bit_cost;
  return c;
}

lico::Status run_tcq(const TcqCase& c, std::vector<int32_t>& indexes, std::vector<int32_t>& recon, int threads,
                     lico::ErrorDetail* error) {
  const uint32_t n = static_cast<uint32_t>(c.latents.size());
  const lico::TcqRates rates{c.costs.data(), c.starts.data(), c.offsets.data(),
                             static_cast<uint32_t>(c.offsets.size() / 2)};
  const lico::TcqQuantizeAttrs attrs{c.step, c.states, c.sequence_length, c.bit_cost};
  std::vector<uint64_t> scratch(lico::tcq_quantize_scratch_bytes(n, c.sequence_length, threads) / 8 + 1);
  indexes.assign(n, 0);
  recon.assign(n, 0);
  return lico::tcq_quantize(c.latents.data(), c.means.empty() ? nullptr : c.means.data(), c.tables.data(), n, rates,
                            attrs, indexes.data(), recon.data(), scratch.data(), threads, error);
}

void test_tcq_matches_reference() {
  std::mt19937 rng(2024);
  const uint32_t steps[] = {1, 3, 37, 256, 4096, 1u << 20};
  const int32_t spreads[] = {0, 10, 1000, 1 << 16, (1 << 28) - 1};
  const uint32_t lengths[] = {1, 2, 7, 97, 100000};
  const uint32_t bit_costs[] = {0, 1, 65536, 1u << 22};
  int matched = 0, cases = 0;
  for (int iter = 0; iter < 240; ++iter) {
    const uint32_t states = iter % 2 ? 8 : 4;
    const TcqCase c = random_tcq_case(rng, rng() % 400, states, steps[rng() % 6], spreads[rng() % 5],
                                      lengths[rng() % 5], bit_costs[rng() % 4], rng() % 2, rng() % 3 == 0);
    std::vector<int32_t> want_k, want_r;
    reference_tcq(c, want_k, want_r);
    for (int threads : {1, 2}) {
      std::vector<int32_t> k, r, rebuilt(c.latents.size());
      lico::ErrorDetail error;
      const bool ok = run_tcq(c, k, r, threads, &error) == lico::Status::kOk && k == want_k && r == want_r;
      lico::tcq_dequantize(k.data(), c.means.empty() ? nullptr : c.means.data(), static_cast<uint32_t>(k.size()),
                           c.step, c.states, c.sequence_length, rebuilt.data());
      ++cases;
      if (ok && rebuilt == want_r) {
        ++matched;
      } else {
        std::printf("  tcq case %d (%u states, step %u, %zu values, %d threads) differs\n", iter, states, c.step,
                    c.latents.size(), threads);
      }
    }
  }
  char what[120];
  std::snprintf(what, sizeof what, "TcqQuantize and TcqDequantize match the contract on %d/%d random cases", matched,
                cases);
  check(matched == cases, what);
}

void test_tcq_known_values() {
  // Zeros cost nothing to code at rate 0: every index is 0, and so is every level.
  TcqCase c;
  c.latents.assign(50, 0);
  c.tables.assign(50, 0);
  c.costs = {5, 0, 5, 9, 5, 0, 5, 9};
  c.starts = {0, 4, 8};
  c.offsets = {-1, -1};
  c.step = 256;
  c.states = 8;
  c.sequence_length = 16;
  c.bit_cost = 65536;
  std::vector<int32_t> k, r;
  lico::ErrorDetail error;
  check(run_tcq(c, k, r, 1, &error) == lico::Status::kOk && k == std::vector<int32_t>(50, 0) &&
            r == std::vector<int32_t>(50, 0),
        "TcqQuantize keeps zero latents at index 0");
  // Q0 reconstructs 2k·step: a latent at 2·step, free rates, picks k = 1 from state 0.
  c.latents = {512};
  c.tables = {0};
  c.costs = {0, 0, 0, 0, 0, 0, 0, 0};
  check(run_tcq(c, k, r, 1, &error) == lico::Status::kOk && k[0] == 1 && r[0] == 512,
        "TcqQuantize reaches Q0's level 2·step exactly");
  // After k = 1 in state 0 (8 states: next state 2, quantizer 0), then state 2 → 3 (Q1).
  const int32_t path[] = {1, 1, 1};
  int32_t levels[3];
  lico::tcq_dequantize(path, nullptr, 3, 256, 8, 16, levels);
  check(levels[0] == 512 && levels[1] == 512 && levels[2] == 256, "TcqDequantize follows the 8-state trellis");
}

void test_tcq_bad_table_index() {
  std::mt19937 rng(7);
  for (int threads : {1, 2}) {
    TcqCase c = random_tcq_case(rng, 5000, 8, 256, 1000, 97, 65536, true, false);
    const int32_t tables = static_cast<int32_t>(c.offsets.size() / 2);
    c.tables[4321] = -1;
    c.tables[1234] = tables;
    std::vector<int32_t> k, r;
    lico::ErrorDetail error;
    const lico::Status status = run_tcq(c, k, r, threads, &error);
    check(status == lico::Status::kTableIndexOutOfRange && error.a == 1234 && error.b == static_cast<uint32_t>(tables),
          "TcqQuantize reports the first bad table index and its value");
  }
}

// IntConv2d written out as the contract states it (every input position and tap, 64-bit sums):
// the fast path (with scratch) and the direct path (without) must both match it.
std::vector<int32_t> reference_conv(const std::vector<int32_t>& in, const std::vector<int32_t>& w,
                                    const std::vector<int32_t>& bias, const lico::IntConv2dAttrs& a) {
  const int64_t oh = lico::int_conv2d_output_height(a);
  const int64_t ow = lico::int_conv2d_output_width(a);
  const int64_t kh = a.kernel_height, kw = a.kernel_width, s = a.stride, p = a.padding;
  std::vector<int64_t> acc(a.out_channels * oh * ow);
  for (int64_t o = 0; o < a.out_channels; ++o) {
    for (int64_t k = 0; k < oh * ow; ++k) acc[o * oh * ow + k] = bias[o];
    for (int64_t c = 0; c < a.in_channels; ++c) {
      for (int64_t y = 0; y < a.height; ++y) {
        for (int64_t x = 0; x < a.width; ++x) {
          for (int64_t i = 0; i < kh; ++i) {
            for (int64_t j = 0; j < kw; ++j) {
              int64_t oy, ox, weight;
              if (a.transposed) {
                oy = y * s - p + i;
                ox = x * s - p + j;
                weight = w[((c * a.out_channels + o) * kh + i) * kw + j];
              } else {
                // Forward: input (y, x) feeds output (oy, ox) when y = oy·s − p + i.
                if ((y + p - i) % s != 0 || (x + p - j) % s != 0 || y + p - i < 0 || x + p - j < 0) continue;
                oy = (y + p - i) / s;
                ox = (x + p - j) / s;
                weight = w[((o * a.in_channels + c) * kh + i) * kw + j];
              }
              if (oy < 0 || oy >= oh || ox < 0 || ox >= ow) continue;
              acc[(o * oh + oy) * ow + ox] += weight * in[(c * a.height + y) * a.width + x];
            }
          }
        }
      }
    }
  }
  const int64_t round = a.shift > 0 ? int64_t{1} << (a.shift - 1) : 0;
  std::vector<int32_t> out(acc.size());
  for (size_t k = 0; k < acc.size(); ++k) {
    const int64_t v = (acc[k] + round) >> a.shift;
    out[k] = static_cast<int32_t>(std::min<int64_t>(a.clamp_max, std::max<int64_t>(a.clamp_min, v)));
  }
  return out;
}

void test_int_conv_matches_reference() {
  std::mt19937 rng(11);
  int mismatches = 0, fast = 0, cases = 0;
  for (int trial = 0; trial < 400; ++trial) {
    lico::IntConv2dAttrs a{};
    a.in_channels = 1 + rng() % 6;
    a.out_channels = 1 + rng() % 9;
    a.height = 1 + rng() % 13;
    a.width = 1 + rng() % 21;
    a.kernel_height = 1 + rng() % 5;
    a.kernel_width = 1 + rng() % 5;
    a.stride = 1 + rng() % 3;
    a.padding = rng() % 4;
    a.transposed = rng() % 2 == 1;
    a.output_padding = a.transposed ? rng() % a.stride : 0;
    a.shift = rng() % 3 == 0 ? 0 : rng() % 31;
    a.clamp_min = rng() % 2 ? INT32_MIN : -static_cast<int32_t>(rng() % 1000);
    a.clamp_max = rng() % 2 ? INT32_MAX : static_cast<int32_t>(rng() % 1000);
    const auto size = [&](int64_t n, int64_t k) {
      return a.transposed ? (n - 1) * a.stride - 2 * a.padding + k + a.output_padding
                          : (n + 2 * a.padding - k) / a.stride + 1;
    };
    const int64_t oh = size(a.height, a.kernel_height);
    const int64_t ow = size(a.width, a.kernel_width);
    if (oh < 1 || ow < 1 || int64_t{a.height} + 2 * a.padding < a.kernel_height ||
        int64_t{a.width} + 2 * a.padding < a.kernel_width) {
      continue;
    }
    // Values as large as the accumulator bound allows (taps · |x| · |w| + |bias| + round < 2^31).
    const int64_t terms = int64_t{a.in_channels} * a.kernel_height * a.kernel_width;
    const int32_t wmax = 1 + static_cast<int32_t>(rng() % 300);
    const int64_t room = ((int64_t{1} << 31) - (int64_t{1} << 30) - 2000) / (terms * wmax);
    const int32_t xmax = static_cast<int32_t>(std::max<int64_t>(1, std::min<int64_t>(room, 1 + rng() % 70000)));
    std::vector<int32_t> in(a.in_channels * a.height * a.width), w(terms * a.out_channels), bias(a.out_channels);
    for (auto& v : in) v = static_cast<int32_t>(rng() % (2 * xmax + 1)) - xmax;
    for (auto& v : w) v = static_cast<int32_t>(rng() % (2 * wmax + 1)) - wmax;
    for (auto& v : bias) v = static_cast<int32_t>(rng() % 2001) - 1000;
    const std::vector<int32_t> want = reference_conv(in, w, bias, a);
    const uint64_t bytes = lico::int_conv2d_scratch_bytes(a);
    std::vector<uint64_t> scratch(bytes / 8 + 2);
    ++cases;
    fast += bytes > 0;
    for (int threads : {1, 3}) {
      std::vector<int32_t> got(want.size(), 12345), direct(want.size(), 12345);
      lico::int_conv2d(in.data(), w.data(), bias.data(), a, got.data(), bytes > 0 ? scratch.data() : nullptr, threads);
      lico::int_conv2d(in.data(), w.data(), bias.data(), a, direct.data(), nullptr, threads);
      if (got != want || direct != want) {
        if (++mismatches <= 3) {
          std::printf("IntConv2d mismatch: C=%u H=%u W=%u O=%u k=%ux%u s=%u p=%u t=%d op=%u shift=%u\n", a.in_channels,
                      a.height, a.width, a.out_channels, a.kernel_height, a.kernel_width, a.stride, a.padding,
                      a.transposed, a.output_padding, a.shift);
        }
      }
    }
  }
  check(cases > 200 && fast == cases, "IntConv2d random shapes take the fast path");
  check(mismatches == 0, "IntConv2d (fast and direct paths, 1 and 3 threads) matches the contract's sum");
}

void test_int_conv_known_values() {
  // 1 channel 3×3 input, 2×2 kernel of ones, stride 1, no padding: sums of 2×2 windows.
  const int32_t in[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const int32_t ones[] = {1, 1, 1, 1};
  const int32_t bias[] = {-1};
  lico::IntConv2dAttrs a{1, 3, 3, 1, 2, 2, 1, 0, false, 0, 1, INT32_MIN, INT32_MAX};
  std::vector<uint64_t> scratch(lico::int_conv2d_scratch_bytes(a) / 8 + 1);
  int32_t out[4];
  lico::int_conv2d(in, ones, bias, a, out, scratch.data(), 1);
  // (12 − 1 + 1) >> 1 = 6, (16 − 1 + 1) >> 1 = 8, 11 → 12, 14 → 14.
  check(out[0] == 6 && out[1] == 8 && out[2] == 12 && out[3] == 14, "IntConv2d 2×2 windows, rounding shift");
  // Transposed, stride 2, 1×1 kernel of 3 on [1, −2; 3, 4]: values spread with zero gaps.
  const int32_t small[] = {1, -2, 3, 4};
  const int32_t three[] = {3};
  const int32_t zero[] = {0};
  lico::IntConv2dAttrs t{1, 2, 2, 1, 1, 1, 2, 0, true, 1, 0, -5, 100};
  std::vector<uint64_t> scratch_t(lico::int_conv2d_scratch_bytes(t) / 8 + 1);
  int32_t spread[16];
  lico::int_conv2d(small, three, zero, t, spread, scratch_t.data(), 1);
  const int32_t want[] = {3, 0, -5, 0, 0, 0, 0, 0, 9, 0, 12, 0, 0, 0, 0, 0};
  check(std::memcmp(spread, want, sizeof want) == 0, "IntConv2d transposed stride 2 with output padding, clamped");
  // −3 >> 1 rounds half up: (−3 + 1) >> 1 = −1, (−5 + 1) >> 1 = −2.
  const int32_t neg[] = {-3, -5};
  const int32_t one[] = {1};
  lico::IntConv2dAttrs n{1, 1, 2, 1, 1, 1, 1, 0, false, 0, 1, INT32_MIN, INT32_MAX};
  int32_t halves[2];
  lico::int_conv2d(neg, one, zero, n, halves, nullptr, 1);
  check(halves[0] == -1 && halves[1] == -2, "IntConv2d arithmetic shift rounds half up for negatives");
}

}  // namespace

// Float convolutions (oneDNN) against a direct loop in double, and the adjoint identity
// <dy, conv(x)> = <conv_backprop_input(dy), x> = <conv_backprop_filter(x, dy), w>.
void test_float_conv(const lico::Conv2dAttrs& a, const char* what) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  const uint32_t oh = lico::conv2d_output_height(a), ow = lico::conv2d_output_width(a);
  const size_t taps = size_t{a.kernel_height} * a.kernel_width;
  std::vector<float> x(size_t{a.batch} * a.in_channels * a.height * a.width),
      w(size_t{a.in_channels} * a.out_channels * taps), b(a.out_channels), dy(size_t{a.batch} * a.out_channels * oh * ow);
  for (auto* v : {&x, &w, &b, &dy})
    for (float& f : *v) f = u(rng);
  std::vector<float> y(dy.size()), dx(x.size()), dw(w.size()), db(b.size());
  bool ok = lico::conv2d(x.data(), w.data(), b.data(), a, y.data()).status == lico::Status::kOk;
  ok = ok && lico::conv2d_backprop_input(dy.data(), w.data(), a, dx.data()).status == lico::Status::kOk;
  ok = ok && lico::conv2d_backprop_filter(x.data(), dy.data(), a, dw.data(), db.data()).status == lico::Status::kOk;
  check(ok, what);
  // Direct: the output position (o, oy, ox) of image n reads input (c, oy·s − p + i, ox·s − p + j);
  // transposed, input (c, y, x) feeds output (o, y·s − p + i, x·s − p + j).
  std::vector<double> ref(y.size(), 0.0);
  for (uint32_t n = 0; n < a.batch; ++n)
    for (uint32_t o = 0; o < a.out_channels; ++o)
      for (size_t k = 0; k < size_t{oh} * ow; ++k) ref[(size_t{n} * a.out_channels + o) * oh * ow + k] = b[o];
  const uint32_t sh = a.transposed ? a.height : oh, sw = a.transposed ? a.width : ow;
  for (uint32_t n = 0; n < a.batch; ++n)
    for (uint32_t c = 0; c < a.in_channels; ++c)
      for (uint32_t o = 0; o < a.out_channels; ++o)
        for (uint32_t i = 0; i < a.kernel_height; ++i)
          for (uint32_t j = 0; j < a.kernel_width; ++j) {
            const size_t tap = size_t{i} * a.kernel_width + j;
            const float wv = a.transposed ? w[(size_t{c} * a.out_channels + o) * taps + tap]
                                          : w[(size_t{o} * a.in_channels + c) * taps + tap];
            for (uint32_t yy = 0; yy < sh; ++yy)
              for (uint32_t xx = 0; xx < sw; ++xx) {
                const int64_t by = int64_t{yy} * a.stride - a.padding + i, bx = int64_t{xx} * a.stride - a.padding + j;
                if (a.transposed) {
                  if (by < 0 || by >= oh || bx < 0 || bx >= ow) continue;
                  ref[((size_t{n} * a.out_channels + o) * oh + by) * ow + bx] +=
                      wv * x[((size_t{n} * a.in_channels + c) * a.height + yy) * a.width + xx];
                } else {
                  if (by < 0 || by >= a.height || bx < 0 || bx >= a.width) continue;
                  ref[((size_t{n} * a.out_channels + o) * oh + yy) * ow + xx] +=
                      wv * x[((size_t{n} * a.in_channels + c) * a.height + by) * a.width + bx];
                }
              }
          }
  double worst = 0;
  for (size_t k = 0; k < y.size(); ++k) worst = std::max(worst, std::fabs(y[k] - ref[k]));
  check(worst < 1e-4, what);
  double value = 0, via_input = 0, via_filter = 0, via_bias = 0;
  for (size_t k = 0; k < y.size(); ++k) value += double{dy[k]} * (ref[k]);
  for (size_t k = 0; k < x.size(); ++k) via_input += double{dx[k]} * x[k];
  for (size_t k = 0; k < w.size(); ++k) via_filter += double{dw[k]} * w[k];
  for (size_t k = 0; k < b.size(); ++k) via_bias += double{db[k]} * b[k];
  check(std::fabs(value - via_bias - via_input) < 1e-3 * (1 + std::fabs(value)), what);
  check(std::fabs(value - via_bias - via_filter) < 1e-3 * (1 + std::fabs(value)), what);
}

void test_float_convs() {
  test_float_conv({2, 3, 13, 12, 16, 5, 5, 2, 2, false, 0}, "conv2d: image to 16 channels, 5x5 stride 2");
  test_float_conv({2, 16, 9, 10, 20, 5, 5, 2, 2, false, 0}, "conv2d: 16 to 20 channels");
  test_float_conv({2, 4, 5, 7, 6, 2, 2, 2, 0, false, 0}, "conv2d: a floor that drops a row");
  test_float_conv({2, 20, 5, 4, 16, 5, 5, 2, 2, true, 1}, "transposed: 20 to 16 channels");
  test_float_conv({3, 16, 6, 5, 3, 5, 5, 2, 2, true, 1}, "transposed: to an image (sgemm + col2im)");
  test_float_conv({1, 8, 4, 4, 3, 5, 5, 2, 2, true, 1}, "transposed: to an image, batch 1");
}

// GDN: the norm and output of a 3-channel example by hand, and the backward pass against
// central differences of Σ dy · gdn(x) in double.
void test_gdn() {
  const lico::GdnAttrs attrs{1, 2, 1, 300, false};  // 300 positions: two blocks
  std::vector<float> x(600), beta{1.0f, 0.5f}, gamma{0.5f, 0.25f, 0.125f, 1.0f}, y(600), norm(600), dy(600);
  for (size_t k = 0; k < x.size(); ++k) {
    x[k] = std::sin(0.37f * k) * 1.5f;
    dy[k] = std::cos(0.11f * k);
  }
  check(lico::gdn(x.data(), beta.data(), gamma.data(), attrs, y.data(), norm.data()).status == lico::Status::kOk,
        "gdn runs");
  const double n0 = 1.0 + 0.5 * x[7] * x[7] + 0.25 * x[307] * x[307];
  check(std::fabs(norm[7] - n0) < 1e-5 && std::fabs(y[7] - x[7] / std::sqrt(n0)) < 1e-5, "gdn norm and output");
  std::vector<float> dx(600), dbeta(2), dgamma(4);
  const lico::ErrorDetail back =
      lico::gdn_backprop(x.data(), norm.data(), dy.data(), gamma.data(), attrs, dx.data(), dbeta.data(), dgamma.data());
  check(back.status == lico::Status::kOk, "gdn_backprop runs");
  auto loss = [&](const std::vector<float>& xs, const std::vector<float>& bs, const std::vector<float>& gs) {
    double total = 0;
    for (size_t p = 0; p < 300; ++p)
      for (size_t i = 0; i < 2; ++i) {
        const double n = bs[i] + gs[i * 2] * xs[p] * xs[p] + gs[i * 2 + 1] * xs[300 + p] * xs[300 + p];
        total += dy[i * 300 + p] * xs[i * 300 + p] / std::sqrt(n);
      }
    return total;
  };
  const double h = 1e-3;
  auto close = [](double a, double b) { return std::fabs(a - b) < 1e-3 * (1 + std::fabs(b)); };
  for (size_t k : {size_t{3}, size_t{299}, size_t{450}}) {
    auto plus = x, minus = x;
    plus[k] += h;
    minus[k] -= h;
    check(close(dx[k], (loss(plus, beta, gamma) - loss(minus, beta, gamma)) / (2 * h)), "gdn input gradient");
  }
  for (size_t k = 0; k < 4; ++k) {
    auto plus = gamma, minus = gamma;
    plus[k] += h;
    minus[k] -= h;
    check(close(dgamma[k], (loss(x, beta, plus) - loss(x, beta, minus)) / (2 * h)), "gdn gamma gradient");
  }
  auto plus = beta, minus = beta;
  plus[1] += h;
  minus[1] -= h;
  check(close(dbeta[1], (loss(x, plus, gamma) - loss(x, minus, gamma)) / (2 * h)), "gdn beta gradient");
}

// Adam's first step moves every parameter by the learning rate against its gradient's sign.
void test_adam() {
  std::vector<float> p{1, 1, 1}, g{3, -4, 0}, m(3), v(3);
  const double norm = lico::adam_update(p.data(), g.data(), m.data(), v.data(), 3, {0.1, 0.9, 0.999, 1e-8, 1, 0});
  check(norm == 5 && std::fabs(p[0] - 0.9f) < 1e-6 && std::fabs(p[1] - 1.1f) < 1e-6 && p[2] == 1, "adam first step");
}

int main() {
  test_pmf_known_values();
  test_scalar_quantize_known_values();
  test_tcq_known_values();
  test_tcq_matches_reference();
  test_tcq_bad_table_index();
  test_int_conv_known_values();
  test_int_conv_matches_reference();
  test_float_convs();
  test_gdn();
  test_adam();
  for (int threads : {1, 2}) {
    test_round_trip(16, 0, 1, 0, threads);
    test_round_trip(16, 1, 1, 0, threads);
    test_round_trip(16, 100000, 64, 0.001, threads);
    test_round_trip(16, 20011, 7, 0.01, threads);
    test_round_trip(12, 30000, 33, 0.01, threads);
    test_round_trip(16, 5000, 1, 0.5, threads);
    test_round_trip(8, 9999, 4096, 0.1, threads);
  }
  std::printf("%d passed, %d failed\n", passes, failures);
  return failures == 0 ? 0 : 1;
}
