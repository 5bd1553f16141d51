// Status codes the C++ kernels return instead of throwing (wasm is built without exceptions).
// Each binding maps them to Lico error codes in its backend's src/cc-status.ts; keep the two
// copies of that table in step with this enum.
#pragma once

#include <stdint.h>

namespace lico {

enum class Status : int32_t {
  kOk = 0,
  // A table index lies outside [0, table count). detail: symbol position, index.
  kTableIndexOutOfRange = 1,
  // A lane's first 4 bytes are not a state in [L, 2^31). detail: lane.
  kLaneBadStart = 2,
  // A lane needs a byte past its end. detail: lane.
  kLaneOverrun = 3,
  // A lane does not end in state L exactly at its last byte. detail: lane.
  kLaneBadEnd = 4,
  // The escape section ends inside an escape code.
  kEscapeTruncated = 5,
  // An escape code's zero prefix is longer than any int32 value needs.
  kEscapePrefixTooLong = 6,
  // An escape code decodes to a value outside int32. detail: symbol position.
  kEscapeValueOutOfRange = 7,
  // The escape section has whole bytes that no escape code uses.
  kEscapeUnusedBytes = 8,
  // A buffer the kernel needs could not be allocated. detail: bytes asked for (low 32 bits).
  kOutOfMemory = 9,
  // A library the kernel calls (oneDNN) failed. detail: the library's status code.
  kLibraryFailure = 10,
};

// What went wrong and where; fields are meaningful per Status as documented above.
struct ErrorDetail {
  Status status = Status::kOk;
  uint32_t a = 0;
  uint32_t b = 0;
};

}  // namespace lico
