/** Runs `work` `repeats` times after one warm-up run and returns the median seconds. */
export async function medianSeconds(repeats: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await work();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
