import { LicoError } from '@lico/core';

/** A contiguous range of values that one dispatch handles. */
export interface ValueChunk {
  readonly first: number;
  readonly count: number;
}

/**
 * Cuts `valueCount` values into chunks of whole units (`unitValues` values each; the last unit
 * may be shorter): at most `maxUnits` units a chunk, always at least one.
 */
export function valueChunks(valueCount: number, unitValues: number, maxUnits: number): ValueChunk[] {
  const perChunk = Math.max(1, Math.floor(maxUnits)) * unitValues;
  const chunks: ValueChunk[] = [];
  for (let first = 0; first < valueCount; first += perChunk) {
    chunks.push({ first, count: Math.min(perChunk, valueCount - first) });
  }
  return chunks;
}

/** What {@link dispatchChunks} needs to know of a call. */
export interface DispatchShape {
  readonly kernelName: string;
  readonly valueCount: number;
  /** Values per invocation (the last invocation may get fewer). */
  readonly unitValues: number;
  /** Bytes per value of the call's largest per-chunk buffer. */
  readonly bytesPerValue: number;
  readonly workgroupSize: number;
}

/**
 * Chunks for a program with one invocation per unit of `unitValues` values (1 for elementwise
 * kernels, a sequence for the trellis kernels). A chunk holds at most `maxChunkSymbols` values
 * (unless one unit is longer), keeps its largest buffer within the device's
 * `maxStorageBufferBindingSize` and `maxBufferSize`, and needs at most
 * `maxComputeWorkgroupsPerDimension` workgroups. Throws `LICO_LIMIT_EXCEEDED` when a single
 * unit does not fit a buffer.
 */
export function dispatchChunks(
  shape: DispatchShape,
  maxChunkSymbols: number,
  limits: Pick<
    GPUSupportedLimits,
    'maxStorageBufferBindingSize' | 'maxBufferSize' | 'maxComputeWorkgroupsPerDimension'
  >,
): ValueChunk[] {
  const { kernelName, valueCount, bytesPerValue, workgroupSize } = shape;
  const unit = Math.max(1, Math.min(shape.unitValues, valueCount));
  const largest = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (unit * bytesPerValue > largest) {
    throw new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `${kernelName} [webgpu]: a sequence of ${unit} values needs ${unit * bytesPerValue} bytes of GPU buffer, more than this device's ${largest}; use a shorter sequenceLength or another backend`,
    );
  }
  const maxUnits = Math.min(
    Math.floor(maxChunkSymbols / unit),
    Math.floor(largest / (unit * bytesPerValue)),
    limits.maxComputeWorkgroupsPerDimension * workgroupSize,
  );
  return valueChunks(valueCount, unit, maxUnits);
}
