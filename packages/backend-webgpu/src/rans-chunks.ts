/**
 * Lanes run in parallel, one invocation each, so a call is cut along the other axis: a chunk is
 * a range of steps, step k holding symbols k·N … k·N + N - 1 (symbol k of every lane). A chunk's
 * symbols are contiguous in the caller's arrays, and the lanes carry their state from chunk to
 * chunk. A dispatch has one invocation per lane, at most 4096 (the format's limit), so it stays
 * far below maxComputeWorkgroupsPerDimension (65535 workgroups) on every device.
 */
export interface StepChunk {
  readonly firstStep: number;
  readonly stepCount: number;
}

/**
 * The chunks of a call over `symbolCount` symbols in `laneCount` lanes, first step first: at most
 * `maxChunkSymbols` symbols each, and few enough that every per-chunk buffer (at most 4 bytes per
 * symbol) fits the device's limits. A chunk always holds at least one step.
 */
export function stepChunks(
  symbolCount: number,
  laneCount: number,
  maxChunkSymbols: number,
  limits: GPUSupportedLimits,
): StepChunk[] {
  const totalSteps = Math.ceil(symbolCount / laneCount);
  const largestBuffer = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const perChunk = Math.max(1, Math.floor(Math.min(maxChunkSymbols, largestBuffer / 4) / laneCount));
  const chunks: StepChunk[] = [];
  for (let firstStep = 0; firstStep < totalSteps; firstStep += perChunk) {
    chunks.push({ firstStep, stepCount: Math.min(perChunk, totalSteps - firstStep) });
  }
  return chunks;
}

/** How many symbols lane `lane` has in a chunk (the last step may not reach every lane). */
export function laneStepsIn(chunk: StepChunk, lane: number, laneCount: number, symbolCount: number): number {
  const laneSteps = Math.floor((symbolCount - lane + laneCount - 1) / laneCount);
  return Math.max(0, Math.min(chunk.firstStep + chunk.stepCount, laneSteps) - chunk.firstStep);
}

/** Symbols of a chunk: the half-open range of symbol indexes it covers. */
export function chunkSymbols(chunk: StepChunk, laneCount: number, symbolCount: number): [number, number] {
  return [chunk.firstStep * laneCount, Math.min(symbolCount, (chunk.firstStep + chunk.stepCount) * laneCount)];
}
