// The escape section of a rANS stream: order-0 Exp-Golomb codes, most significant bit first.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico {

// Values need at most 34 bits of e + 1 (e < 2^33), so a longer zero prefix is corrupt.
constexpr uint32_t kMaxEscapePrefix = 33;

// Code of a value that its table cannot code directly (docs/rans-stream.md).
inline uint64_t escape_code(int32_t value, int32_t value_offset, uint32_t escape_symbol) {
  const int64_t s = static_cast<int64_t>(value) - value_offset;
  return s < 0 ? static_cast<uint64_t>(-s - 1) * 2 : static_cast<uint64_t>(s - escape_symbol) * 2 + 1;
}

// Bits of e + 1 in binary.
inline uint32_t escape_significant_bits(uint64_t code) {
  return 64 - static_cast<uint32_t>(__builtin_clzll(code + 1));
}

// Bits one escape takes in the section: the zero prefix and e + 1.
inline uint32_t escape_length(uint64_t code) { return 2 * escape_significant_bits(code) - 1; }

class EscapeWriter {
 public:
  explicit EscapeWriter(uint8_t* out) : out_(out) {}

  void write(uint64_t code) {
    const uint32_t bits = escape_significant_bits(code);
    put(0, bits - 1);
    const uint64_t v = code + 1;
    if (bits > 32) put(static_cast<uint32_t>(v >> 32), bits - 32);
    put(static_cast<uint32_t>(v), bits > 32 ? 32 : bits);
  }

  // Pads the last byte with zero bits.
  void finish() {
    if (pending_ > 0) *out_++ = static_cast<uint8_t>(acc_ << (8 - pending_));
    pending_ = 0;
  }

 private:
  void put(uint32_t value, uint32_t count) {
    for (uint32_t done = 0; done < count;) {
      const uint32_t take = count - done < 16 ? count - done : 16;
      const uint32_t chunk = (value >> (count - done - take)) & ((1u << take) - 1);
      acc_ = (acc_ << take) | chunk;
      pending_ += take;
      done += take;
      while (pending_ >= 8) {
        pending_ -= 8;
        *out_++ = static_cast<uint8_t>(acc_ >> pending_);
      }
    }
  }

  uint8_t* out_;
  uint64_t acc_ = 0;
  uint32_t pending_ = 0;
};

class EscapeReader {
 public:
  EscapeReader(const uint8_t* data, size_t length) : data_(data), bit_limit_(static_cast<uint64_t>(length) * 8) {}

  // Reads one code into *code; on failure returns false, *truncated telling a short section
  // from an overlong prefix.
  bool read(uint64_t* code, bool* truncated) {
    uint32_t zeros = 0;
    for (;;) {
      if (position_ >= bit_limit_) return *truncated = true, false;
      if (bit()) break;
      if (++zeros > kMaxEscapePrefix) return *truncated = false, false;
    }
    if (position_ + zeros > bit_limit_) return *truncated = true, false;
    uint64_t v = 1;
    for (uint32_t i = 0; i < zeros; ++i) v = v << 1 | bit();
    *code = v - 1;
    return true;
  }

  // Bytes the codes read so far occupy.
  uint64_t bytes_used() const { return (position_ + 7) / 8; }

 private:
  uint32_t bit() {
    const uint32_t b = (data_[position_ >> 3] >> (7 - (position_ & 7))) & 1;
    ++position_;
    return b;
  }

  const uint8_t* data_;
  uint64_t bit_limit_;
  uint64_t position_ = 0;
};

}  // namespace lico
