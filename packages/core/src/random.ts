/** A small seeded generator (xorshift128+ folded to 32 bits) for reproducible test and benchmark inputs; not for security. */
export function seededRandom(seed: number): () => number {
  let s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let s1 = (seed * 0x85ebca6b) >>> 0 || 2;
  return () => {
    let t = s0 ^ (s0 << 11);
    s0 = s1;
    s1 = (s1 ^ (s1 >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    t = s1;
    return t / 4294967296;
  };
}
