import { LicoError } from '@lico/core';

/**
 * The output positions `firstPosition` to `firstPosition + positions − 1` (in a channel's plane)
 * of blocks `firstBlock` to `firstBlock + blocks − 1` of output channels: one dispatch.
 */
export interface ConvChunk {
  readonly firstBlock: number;
  readonly blocks: number;
  readonly firstPosition: number;
  readonly positions: number;
}

/** What {@link convChunks} needs to know of a convolution call. */
export interface ConvShape {
  readonly kernelName: string;
  /** Blocks of output channels (one invocation computes a block at one position). */
  readonly blocks: number;
  /** Output channels a block. */
  readonly blockChannels: number;
  /** Output positions per channel (outHeight · outWidth). */
  readonly plane: number;
  /** Weights of one output channel (inChannels · kH · kW). */
  readonly channelWeights: number;
  /** Values of the input, bound whole in every dispatch. */
  readonly inputValues: number;
  readonly workgroupSize: number;
}

/**
 * Chunks for a program with one invocation per output position and block of output channels,
 * which binds the whole input and the weights of the chunk's blocks: whole blocks a chunk while
 * one block's plane fits, otherwise pieces of one block's plane. A chunk holds at most
 * `maxChunkSymbols` output values (but at least one invocation), needs at most
 * `maxComputeWorkgroupsPerDimension` workgroups, and keeps its output and weight buffers (4
 * bytes a value) within `maxStorageBufferBindingSize` and `maxBufferSize`. Throws
 * `LICO_LIMIT_EXCEEDED` when the input, or one block's weights, does not fit a buffer.
 */
export function convChunks(
  shape: ConvShape,
  maxChunkSymbols: number,
  limits: Pick<
    GPUSupportedLimits,
    'maxStorageBufferBindingSize' | 'maxBufferSize' | 'maxComputeWorkgroupsPerDimension'
  >,
): ConvChunk[] {
  const { kernelName, blocks, blockChannels, plane, inputValues, workgroupSize } = shape;
  const largest = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const tooLarge = (what: string, bytes: number) =>
    new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `${kernelName} [webgpu]: ${what} needs ${bytes} bytes of GPU buffer, more than this device's ${largest}; use another backend`,
    );
  if (4 * inputValues > largest) throw tooLarge('the input', 4 * inputValues);
  const blockWeights = blockChannels * shape.channelWeights;
  const maxWeightBlocks = Math.floor(largest / (4 * blockWeights));
  if (maxWeightBlocks < 1) throw tooLarge("one block of output channels' weights", 4 * blockWeights);
  // Invocations a chunk.
  const most = Math.max(
    1,
    Math.min(
      Math.floor(maxChunkSymbols / blockChannels),
      Math.floor(largest / (4 * blockChannels)),
      limits.maxComputeWorkgroupsPerDimension * workgroupSize,
    ),
  );
  const chunks: ConvChunk[] = [];
  if (plane <= most) {
    const perChunk = Math.min(Math.floor(most / plane), maxWeightBlocks);
    for (let b = 0; b < blocks; b += perChunk) {
      chunks.push({ firstBlock: b, blocks: Math.min(perChunk, blocks - b), firstPosition: 0, positions: plane });
    }
  } else {
    for (let b = 0; b < blocks; b++) {
      for (let v = 0; v < plane; v += most) {
        chunks.push({ firstBlock: b, blocks: 1, firstPosition: v, positions: Math.min(most, plane - v) });
      }
    }
  }
  return chunks;
}
