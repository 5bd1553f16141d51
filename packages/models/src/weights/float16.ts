// IEEE 754 binary16 ↔ binary32, by hand: a few lines, and Float16Array is not in Node 20.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The value of a half-precision bit pattern, computed. */
function decodeHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// Every half is exact in a float32, so a 256 KB table of all 65 536 patterns gives the same
// values as decodeHalf; reading 19 MB weights files spent 0.4 s in its powers of two.
let halves: Float32Array | undefined;

/** A half-precision bit pattern (16 bits) as a float. */
export function halfToFloat(h: number): number {
  halves ??= Float32Array.from({ length: 0x10000 }, (_, bits) => decodeHalf(bits));
  return halves[h & 0xffff];
}

/** A float as the nearest half-precision bit pattern (ties to even; overflow to infinity). */
export function floatToHalf(value: number): number {
  f32[0] = value;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the mantissa (with its implicit 1) into place, rounding to even.
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mantissa & ((1 << shift) - 1);
    let result = mantissa >> shift;
    if (rest > half || (rest === half && result & 1)) result += 1;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && result & 1)) result += 1; // may carry into the exponent: still right
  e = result >> 10;
  return sign | (e >= 0x1f ? 0x7c00 : result);
}
