import { seededRandom } from '@lico/core';
import { GaussianDensity, LaplacianDensity, type ScalarDensity } from '@lico/quantizers';

/** A memoryless test source of unit variance, with its density known to the coder. */
export interface Source {
  readonly name: 'gaussian' | 'laplacian';
  readonly density: ScalarDensity;
  /** SNR in dB of the Shannon bound (Laplacian: Shannon lower bound) at `bits` per sample. */
  shannonSnr(bits: number): number;
  samples(count: number, seed: number): Float32Array;
}

const DB_PER_BIT = 20 * Math.log10(2);

export const gaussianSource: Source = {
  name: 'gaussian',
  density: new GaussianDensity(1),
  shannonSnr: (bits) => DB_PER_BIT * bits,
  samples(count, seed) {
    const random = seededRandom(seed);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      // Box–Muller: two independent normals from two uniforms.
      const radius = Math.sqrt(-2 * Math.log(1 - random()));
      const angle = 2 * Math.PI * random();
      out[i] = radius * Math.cos(angle);
      if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
    }
    return out;
  },
};

export const laplacianSource: Source = {
  name: 'laplacian',
  density: new LaplacianDensity(Math.SQRT1_2),
  // Shannon lower bound: D ≥ 2^{2h}/(2πe)·2^{−2R} with h = log2(2eb), i.e. SNR ≤ 6.02 R + 10 log10(π/e).
  shannonSnr: (bits) => DB_PER_BIT * bits + 10 * Math.log10(Math.PI / Math.E),
  samples(count, seed) {
    const random = seededRandom(seed);
    return Float32Array.from({ length: count }, () => {
      const u = random() - 0.5;
      return -Math.SQRT1_2 * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
    });
  },
};
