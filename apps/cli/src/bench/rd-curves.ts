/** A rate-distortion point: bits per sample and SNR in dB. */
export type RdPoint = readonly [bits: number, snrDb: number];

/**
 * The points no other point beats (higher SNR at no more rate), by rate: the best each
 * quantizer reaches at each rate over its parameter sweep. No time-sharing between points.
 */
export function paretoFrontier(points: readonly RdPoint[]): RdPoint[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const frontier: RdPoint[] = [];
  for (const p of sorted) if (frontier.length === 0 || p[1] > frontier[frontier.length - 1][1]) frontier.push(p);
  return frontier;
}

/** SNR of a frontier at `bits`, linearly interpolated; undefined outside its rate range. */
export function snrAt(frontier: readonly RdPoint[], bits: number): number | undefined {
  for (let i = 1; i < frontier.length; i++) {
    const [r0, s0] = frontier[i - 1];
    const [r1, s1] = frontier[i];
    if (r0 <= bits && bits <= r1) return s0 + ((s1 - s0) * (bits - r0)) / (r1 - r0);
  }
  return undefined;
}
