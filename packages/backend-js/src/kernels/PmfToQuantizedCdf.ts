import { checkPmfToQuantizedCdfInputs, type KernelConfig, PmfToQuantizedCdf } from '@lico/core';

/** Quantizes one table's weights into `out` (n + 1 CDF entries) by the contract's exact rule. */
function quantizeTable(weights: Uint32Array, precision: number, out: Uint32Array): void {
  const n = weights.length;
  const free = 2 ** precision - n;
  let total = 0;
  for (const w of weights) total += w;
  const uniform = total === 0;
  if (uniform) total = n;
  const freq = new Float64Array(n);
  const remainders = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const product = (uniform ? 1 : weights[i]) * free; // < 2^48: exact in a double
    let q = Math.floor(product / total);
    let r = product - q * total;
    if (r < 0) {
      q -= 1;
      r += total;
    } else if (r >= total) {
      q += 1;
      r -= total;
    }
    freq[i] = 1 + q;
    remainders[i] = r;
    assigned += q;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let k = 0; k < free - assigned; k++) freq[order[k]] += 1;
  out[0] = 0;
  for (let i = 0; i < n; i++) out[i + 1] = out[i] + freq[i];
}

export const pmfToQuantizedCdfKernel: KernelConfig<typeof PmfToQuantizedCdf> = {
  kernelName: PmfToQuantizedCdf,
  backendName: 'js',
  run(inputs, attrs) {
    checkPmfToQuantizedCdfInputs(inputs, attrs);
    const { pmf, starts } = inputs;
    const tables = starts.length - 1;
    const cdf = new Uint32Array(pmf.length + tables);
    for (let t = 0; t < tables; t++) {
      quantizeTable(
        pmf.subarray(starts[t], starts[t + 1]),
        attrs.precision,
        cdf.subarray(starts[t] + t, starts[t + 1] + t + 1),
      );
    }
    return cdf;
  },
};
