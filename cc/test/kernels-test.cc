// Native tests of the C++ kernels, without Node or a browser:
//   g++ -std=c++17 -O2 -march=x86-64-v3 -fopenmp cc/test/kernels-test.cc cc/kernels/*.cc && ./a.out
// (`npm run test:cc -w @lico/backend-native` does this). Byte-exactness against the js
// reference is the conformance suite's job; these check round trips and known values.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "../kernels/PmfToQuantizedCdf.h"
#include "../kernels/RansDecode.h"
#include "../kernels/RansEncode.h"
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

}  // namespace

int main() {
  test_pmf_known_values();
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
