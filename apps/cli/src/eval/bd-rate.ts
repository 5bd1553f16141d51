/**
 * Bjøntegaard delta rate and delta PSNR (G. Bjøntegaard, "Calculation of average PSNR differences
 * between RD-curves", VCEG-M33, 2001) with piecewise cubic Hermite interpolation (pchip: the
 * monotone cubic of Fritsch and Carlson, 1980, with Fritsch and Butland's derivatives, as
 * `scipy.interpolate.PchipInterpolator`) in place of VCEG-M33's single cubic polynomial fit, as
 * the JCT-VC common-test-conditions spreadsheet (JCTVC-L1100) and the `bjontegaard` Python
 * package's `method='pchip'` do; the interpolants are integrated exactly. docs/evaluation.md
 * states the formulas.
 */

/** A rate-distortion point: rate in bits per pixel, quality in dB (PSNR, or MS-SSIM in dB). */
export type RdPoint = readonly [rate: number, quality: number];

/** A piecewise cubic Hermite interpolant through points with strictly increasing x. */
export class Pchip {
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  readonly #d: Float64Array;

  constructor(x: readonly number[], y: readonly number[]) {
    const n = x.length;
    if (n < 2 || y.length !== n)
      throw new RangeError(`pchip needs at least 2 points and as many x as y (${n}, ${y.length})`);
    for (let i = 1; i < n; i++)
      if (!(x[i] > x[i - 1]))
        throw new RangeError(`pchip needs strictly increasing x; x[${i}] = ${x[i]} ≤ ${x[i - 1]}`);
    this.#x = Float64Array.from(x);
    this.#y = Float64Array.from(y);
    this.#d = pchipDerivatives(this.#x, this.#y);
  }

  /** The interpolant at `x` (extrapolated by the end cubics outside the points). */
  at(x: number): number {
    const i = this.#segment(x);
    const h = this.#x[i + 1] - this.#x[i];
    const t = (x - this.#x[i]) / h;
    const [y0, y1, d0, d1] = [this.#y[i], this.#y[i + 1], this.#d[i], this.#d[i + 1]];
    return (
      (2 * t ** 3 - 3 * t ** 2 + 1) * y0 +
      (t ** 3 - 2 * t ** 2 + t) * h * d0 +
      (-2 * t ** 3 + 3 * t ** 2) * y1 +
      (t ** 3 - t ** 2) * h * d1
    );
  }

  /** ∫ from a to b of the interpolant, exactly (a ≤ b, both within the points' range). */
  integrate(a: number, b: number): number {
    let sum = 0;
    for (let i = 0; i + 1 < this.#x.length; i++) {
      const lo = Math.max(a, this.#x[i]);
      const hi = Math.min(b, this.#x[i + 1]);
      if (hi > lo) sum += this.#antiderivative(i, hi) - this.#antiderivative(i, lo);
    }
    return sum;
  }

  /** ∫ from x[i] to x of segment i's cubic. */
  #antiderivative(i: number, x: number): number {
    const h = this.#x[i + 1] - this.#x[i];
    const t = (x - this.#x[i]) / h;
    const [t2, t3, t4] = [t * t, t * t * t, t * t * t * t];
    return (
      h *
      (this.#y[i] * (t4 / 2 - t3 + t) +
        h * this.#d[i] * (t4 / 4 - (2 * t3) / 3 + t2 / 2) +
        this.#y[i + 1] * (-t4 / 2 + t3) +
        h * this.#d[i + 1] * (t4 / 4 - t3 / 3))
    );
  }

  #segment(x: number): number {
    let i = 0;
    while (i < this.#x.length - 2 && x > this.#x[i + 1]) i++;
    return i;
  }
}

/** Derivatives at the points as scipy's PchipInterpolator chooses them (shape-preserving). */
function pchipDerivatives(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const h = new Float64Array(n - 1);
  const m = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = x[i + 1] - x[i];
    m[i] = (y[i + 1] - y[i]) / h[i];
  }
  const d = new Float64Array(n);
  if (n === 2) {
    d.fill(m[0]);
    return d;
  }
  for (let k = 1; k < n - 1; k++) {
    if (m[k - 1] === 0 || m[k] === 0 || Math.sign(m[k - 1]) !== Math.sign(m[k])) d[k] = 0;
    else {
      const w1 = 2 * h[k] + h[k - 1];
      const w2 = h[k] + 2 * h[k - 1];
      d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
    }
  }
  const edge = (h0: number, h1: number, m0: number, m1: number) => {
    const e = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
    if (Math.sign(e) !== Math.sign(m0)) return 0;
    if (Math.sign(m0) !== Math.sign(m1) && Math.abs(e) > 3 * Math.abs(m0)) return 3 * m0;
    return e;
  };
  d[0] = edge(h[0], h[1], m[0], m[1]);
  d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
  return d;
}

/**
 * The points of a curve that are better than every cheaper one, by rate: quality strictly rises
 * with rate, as the interpolation needs. Points with a non-finite or non-positive rate or a
 * non-finite quality are left out.
 */
export function monotoneCurve(points: readonly RdPoint[]): RdPoint[] {
  const sorted = points
    .filter(([r, q]) => r > 0 && Number.isFinite(r) && Number.isFinite(q))
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: RdPoint[] = [];
  for (const p of sorted)
    if (kept.length === 0 || (p[1] > kept[kept.length - 1][1] && p[0] > kept[kept.length - 1][0])) kept.push(p);
  return kept;
}

/** The average of `f` over [lo, hi] where the two interpolants overlap, or null when they do not. */
function averageGap(anchor: Pchip, test: Pchip, lo: number, hi: number): number | null {
  if (!(hi > lo)) return null;
  return (test.integrate(lo, hi) - anchor.integrate(lo, hi)) / (hi - lo);
}

/**
 * BD-rate of `test` against `anchor`, in percent: the average rate difference at equal quality,
 * exp((∫ ln R_test(Q) − ∫ ln R_anchor(Q)) dQ / (Q_hi − Q_lo)) − 1 over the quality range both
 * curves cover, with ln R(Q) interpolated by pchip through each curve's points. Negative: `test`
 * needs fewer bits. Null when the curves have fewer than 2 usable points or do not overlap.
 */
export function bdRate(anchor: readonly RdPoint[], test: readonly RdPoint[]): number | null {
  const a = monotoneCurve(anchor);
  const t = monotoneCurve(test);
  if (a.length < 2 || t.length < 2) return null;
  const fa = new Pchip(
    a.map((p) => p[1]),
    a.map((p) => Math.log(p[0])),
  );
  const ft = new Pchip(
    t.map((p) => p[1]),
    t.map((p) => Math.log(p[0])),
  );
  const gap = averageGap(fa, ft, Math.max(a[0][1], t[0][1]), Math.min(a[a.length - 1][1], t[t.length - 1][1]));
  return gap === null ? null : (Math.exp(gap) - 1) * 100;
}

/**
 * BD-PSNR (BD-quality) of `test` against `anchor`, in dB: the average quality difference at equal
 * rate, (∫ Q_test(ln R) − ∫ Q_anchor(ln R)) d ln R / (ln R_hi − ln R_lo) over the rate range both
 * curves cover. Positive: `test` is better. Null as for {@link bdRate}.
 */
export function bdPsnr(anchor: readonly RdPoint[], test: readonly RdPoint[]): number | null {
  const a = monotoneCurve(anchor);
  const t = monotoneCurve(test);
  if (a.length < 2 || t.length < 2) return null;
  const fa = new Pchip(
    a.map((p) => Math.log(p[0])),
    a.map((p) => p[1]),
  );
  const ft = new Pchip(
    t.map((p) => Math.log(p[0])),
    t.map((p) => p[1]),
  );
  const lo = Math.log(Math.max(a[0][0], t[0][0]));
  const hi = Math.log(Math.min(a[a.length - 1][0], t[t.length - 1][0]));
  return averageGap(fa, ft, lo, hi);
}
