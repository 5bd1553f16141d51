import { type Conv2dAttrs, conv2dOutputShape } from '@lico/core';

// The three loops every float convolution direction reduces to. A convolution visits pairs of
// (output position, kernel tap) and reads the input at `position · stride − padding + tap`;
// the loops differ in which side gathers, which side scatters and where the weight sits.
// Accumulation is in float64, stored as float32 once: this is the reference other backends
// are compared against.

/** Sizes of the two sides of a convolution: the `big` side is read at strided positions. */
export interface ConvGeometry {
  readonly batch: number;
  /** Channels, rows and columns of the strided ("big") side. */
  readonly bigChannels: number;
  readonly bigHeight: number;
  readonly bigWidth: number;
  /** Channels, rows and columns of the other ("small") side. */
  readonly smallChannels: number;
  readonly smallHeight: number;
  readonly smallWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly stride: number;
  readonly padding: number;
}

// Weights are `[smallChannels, bigChannels, kH, kW]` in every direction: a convolution's
// `[out, in, …]` and a transposed convolution's `[in, out, …]` both put the small side first.
function weightAt(g: ConvGeometry, weights: Float32Array, small: number, big: number, i: number, j: number): number {
  return weights[((small * g.bigChannels + big) * g.kernelHeight + i) * g.kernelWidth + j];
}

/** `small[n][o][y][x] = Σ w · big[n][c][y·s − p + i][x·s − p + j]` (a convolution's forward pass). */
export function gatherFromBig(g: ConvGeometry, big: Float32Array, weights: Float32Array): Float32Array {
  const { batch, bigChannels: cb, bigHeight: hb, bigWidth: wb, smallChannels: cs, smallHeight: hs, smallWidth: ws } = g;
  const out = new Float32Array(batch * cs * hs * ws);
  const acc = new Float64Array(hs * ws);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < cs; o++) {
      acc.fill(0);
      for (let c = 0; c < cb; c++) {
        const plane = (n * cb + c) * hb * wb;
        for (let i = 0; i < g.kernelHeight; i++) {
          for (let j = 0; j < g.kernelWidth; j++) {
            const w = weightAt(g, weights, o, c, i, j);
            for (let y = 0; y < hs; y++) {
              const by = y * g.stride - g.padding + i;
              if (by < 0 || by >= hb) continue;
              for (let x = 0; x < ws; x++) {
                const bx = x * g.stride - g.padding + j;
                if (bx >= 0 && bx < wb) acc[y * ws + x] += w * big[plane + by * wb + bx];
              }
            }
          }
        }
      }
      out.set(acc, (n * cs + o) * hs * ws);
    }
  }
  return out;
}

/** `big[n][c][y·s − p + i][x·s − p + j] += w · small[n][o][y][x]` (a transposed convolution). */
export function scatterToBig(g: ConvGeometry, small: Float32Array, weights: Float32Array): Float32Array {
  const { batch, bigChannels: cb, bigHeight: hb, bigWidth: wb, smallChannels: cs, smallHeight: hs, smallWidth: ws } = g;
  const out = new Float32Array(batch * cb * hb * wb);
  const acc = new Float64Array(hb * wb);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < cb; c++) {
      acc.fill(0);
      for (let o = 0; o < cs; o++) {
        const plane = (n * cs + o) * hs * ws;
        for (let i = 0; i < g.kernelHeight; i++) {
          for (let j = 0; j < g.kernelWidth; j++) {
            const w = weightAt(g, weights, o, c, i, j);
            for (let y = 0; y < hs; y++) {
              const by = y * g.stride - g.padding + i;
              if (by < 0 || by >= hb) continue;
              for (let x = 0; x < ws; x++) {
                const bx = x * g.stride - g.padding + j;
                if (bx >= 0 && bx < wb) acc[by * wb + bx] += w * small[plane + y * ws + x];
              }
            }
          }
        }
      }
      out.set(acc, (n * cb + c) * hb * wb);
    }
  }
  return out;
}

/** `dw[o][c][i][j] = Σ small[n][o][y][x] · big[n][c][y·s − p + i][x·s − p + j]`. */
export function filterGradient(g: ConvGeometry, big: Float32Array, small: Float32Array): Float32Array {
  const { batch, bigChannels: cb, bigHeight: hb, bigWidth: wb, smallChannels: cs, smallHeight: hs, smallWidth: ws } = g;
  const { kernelHeight: kh, kernelWidth: kw } = g;
  const out = new Float32Array(cb * cs * kh * kw);
  for (let o = 0; o < cs; o++) {
    for (let c = 0; c < cb; c++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          let acc = 0;
          for (let n = 0; n < batch; n++) {
            const bigPlane = (n * cb + c) * hb * wb;
            const smallPlane = (n * cs + o) * hs * ws;
            for (let y = 0; y < hs; y++) {
              const by = y * g.stride - g.padding + i;
              if (by < 0 || by >= hb) continue;
              for (let x = 0; x < ws; x++) {
                const bx = x * g.stride - g.padding + j;
                if (bx >= 0 && bx < wb) acc += small[smallPlane + y * ws + x] * big[bigPlane + by * wb + bx];
              }
            }
          }
          out[((o * cb + c) * kh + i) * kw + j] = acc;
        }
      }
    }
  }
  return out;
}

/** `Σ tensor[n][c][·][·]` per channel c. */
export function channelSums(tensor: Float32Array, batch: number, channels: number, plane: number): Float32Array {
  const out = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    let acc = 0;
    for (let n = 0; n < batch; n++) {
      const start = (n * channels + c) * plane;
      for (let k = 0; k < plane; k++) acc += tensor[start + k];
    }
    out[c] = acc;
  }
  return out;
}

/** The two sides of the convolution that `attrs` describe. */
export function convGeometry(attrs: Conv2dAttrs): ConvGeometry {
  const [, , outHeight, outWidth] = conv2dOutputShape(attrs);
  const input = { channels: attrs.inChannels, height: attrs.height, width: attrs.width };
  const output = { channels: attrs.outChannels, height: outHeight, width: outWidth };
  const big = attrs.transposed ? output : input;
  const small = attrs.transposed ? input : output;
  return {
    batch: attrs.batch,
    bigChannels: big.channels,
    bigHeight: big.height,
    bigWidth: big.width,
    smallChannels: small.channels,
    smallHeight: small.height,
    smallWidth: small.width,
    kernelHeight: attrs.kernelHeight,
    kernelWidth: attrs.kernelWidth,
    stride: attrs.stride,
    padding: attrs.padding,
  };
}
