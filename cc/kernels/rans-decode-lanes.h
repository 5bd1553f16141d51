// The lane decoding loop of RansDecode, written once over a vector type from cc/simd/ and
// instantiated per SIMD path. Internal linkage on purpose: a translation unit built for a
// wider instruction set (AVX-512) must not lend its copies to the others at link time.
#pragma once

#include <stdint.h>

#include "../simd/vec-scalar.h"
#include "rans-lanes.h"
#include "rans-tables.h"

namespace lico {
namespace {

// Per-lane state lives in these arrays between blocks (x, read position, fault flags).
struct DecodeLanes {
  const RansTableSet* tables;
  const uint8_t* stream;
  const uint32_t* lane_starts;
  const int32_t* indexes;
  int32_t* values;
  uint64_t* escapes;
  uint32_t* x;
  uint32_t* position;
  uint32_t* overrun;
  uint32_t* bad_index;
  LaneGrid grid;
};

constexpr uint32_t kFreqShift = 16;

// Decodes rows [row_begin, row_end) of lanes first_lane … first_lane + U * V::kWidth - 1; every
// one of those lanes must have a symbol in each of those rows.
template <class V, int U>
void decode_block(const DecodeLanes& d, uint32_t first_lane, uint32_t row_begin, uint32_t row_end) {
  constexpr int W = V::kWidth;
  const RansTableSet& tb = *d.tables;
  const uint32_t p = tb.precision;
  const uint32_t bucket_shift = p - tb.bucket_bits;
  // 2^p - 1 masks a slot out of the state, and is the last slot of each table's last symbol,
  // the escape.
  const typename V::V slot_mask = V::splat((1u << p) - 1);
  const typename V::V low16 = V::splat(0xffff);
  const typename V::V one = V::splat(1);
  const typename V::V byte = V::splat(0xff);
  const typename V::V lower = V::splat(kRansStateLower);
  const typename V::V lower_two_bytes = V::splat(kRansStateLower >> 8);
  const typename V::V last_table = V::splat(tb.table_count - 1);
  typename V::V x[U], position[U], end[U];
  typename V::M overrun[U];
  typename V::M bad_index = V::eq(one, V::splat(0));  // all false
  for (int u = 0; u < U; ++u) {
    const uint32_t lane = first_lane + u * W;
    x[u] = V::load(d.x + lane);
    position[u] = V::load(d.position + lane);
    end[u] = V::load(d.lane_starts + lane + 1);
    overrun[u] = V::load(d.overrun + lane);
  }
  for (uint32_t row = row_begin; row < row_end; ++row) {
    const uint32_t row_base = row * d.grid.lanes + first_lane;
    for (int u = 0; u < U; ++u) {
      const uint32_t i = row_base + u * W;
      // Bytes for renormalization are fetched before they are known to be needed: this keeps
      // the load off the state's dependency chain.
      const typename V::V word = V::gather_bytes(d.stream, position[u]);
      typename V::V t = V::load(d.indexes + i);
      const typename V::V clamped = V::min_u(t, last_table);
      bad_index = V::or_m(bad_index, V::not_m(V::eq(clamped, t)));
      t = clamped;
      const typename V::V slot = V::and_(x[u], slot_mask);
      typename V::V g = V::gather(tb.buckets, V::add(V::shl(t, tb.bucket_bits), V::shr(slot, bucket_shift)));
      typename V::V info = V::gather(tb.symbol_info, g);
      typename V::V last = V::add(V::and_(info, low16), V::template shr<kFreqShift>(info));
      typename V::M next = V::lt(last, slot);
      // Bounded: each table's last symbol ends at 2^p, above every slot.
      while (V::any(next)) {
        g = V::inc(g, next);
        info = V::gather(tb.symbol_info, g);
        last = V::add(V::and_(info, low16), V::template shr<kFreqShift>(info));
        next = V::lt(last, slot);
      }
      const typename V::V start = V::and_(info, low16);
      const typename V::V freq = V::add(V::template shr<kFreqShift>(info), one);
      typename V::V y = V::add(V::mul(freq, V::shr(x[u], p)), V::sub(slot, start));
      const typename V::M first = V::lt(y, lower);
      const typename V::M second = V::lt(y, lower_two_bytes);
      y = V::select(first, V::or_(V::template shl<8>(y), V::and_(word, byte)), y);
      y = V::select(second, V::or_(V::template shl<8>(y), V::and_(V::template shr<8>(word), byte)), y);
      x[u] = y;
      const typename V::V moved = V::inc(V::inc(position[u], first), second);
      overrun[u] = V::or_m(overrun[u], V::lt(end[u], moved));
      // Clamped so that a corrupt lane keeps reading inside its own bytes; it fails at the end.
      position[u] = V::min_u(moved, end[u]);
      V::store(d.values + i, V::gather(tb.symbol_value, g));
      const typename V::M escaped = V::eq(last, slot_mask);
      if (V::any(escaped)) {
        for (uint32_t bits = V::bits(escaped); bits != 0; bits &= bits - 1) {
          mark_escape(d.escapes, i + static_cast<uint32_t>(__builtin_ctz(bits)));
        }
      }
    }
  }
  for (int u = 0; u < U; ++u) {
    const uint32_t lane = first_lane + u * W;
    V::store(d.x + lane, x[u]);
    V::store(d.position + lane, position[u]);
    V::store(d.overrun + lane, overrun[u]);
  }
  if (V::any(bad_index)) d.bad_index[first_lane] = 1;
}

// Decodes `vectors` SIMD groups from `lane` on: as many blocks of U vectors as fit, then the
// rest in halving block sizes. Wide blocks pay: each lane's state update is one long chain of
// dependent lookups, and only independent lanes fill the wait.
template <class V, int U>
void decode_vectors(const DecodeLanes& d, uint32_t lane, uint32_t vectors) {
  for (; vectors >= U; vectors -= U, lane += U * V::kWidth) decode_block<V, U>(d, lane, 0, d.grid.rows);
  if constexpr (U > 1) decode_vectors<V, U / 2>(d, lane, vectors);
}

// Decodes lanes [range.begin, range.end): whole vectors, then single lanes, and finally the
// tail row, which only lanes below grid.tail have.
template <class V, int U>
void decode_range(const DecodeLanes& d, LaneRange range) {
  constexpr uint32_t W = V::kWidth;
  const uint32_t rows = d.grid.rows;
  const uint32_t vectors = (range.end - range.begin) / W;
  decode_vectors<V, U>(d, range.begin, vectors);
  for (uint32_t lane = range.begin + vectors * W; lane < range.end; ++lane) {
    decode_block<VecScalar, 1>(d, lane, 0, rows);
  }
  const uint32_t tail_end = range.end < d.grid.tail ? range.end : d.grid.tail;
  for (uint32_t lane = range.begin; lane < tail_end; ++lane) decode_block<VecScalar, 1>(d, lane, rows, rows + 1);
}

}  // namespace
}  // namespace lico
