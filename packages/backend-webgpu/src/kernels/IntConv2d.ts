import { checkIntConv2dInputs, IntConv2d, type IntConv2dAttrs, type KernelConfig } from '@lico/core';
import { convChunks } from '../conv-chunks.js';
import { GpuWork } from '../gpu-work.js';
import { INT_CONV2D_MAX_VECS, INT_CONV2D_PARAM_WORDS, intConv2dProgram } from '../programs/IntConv2d.wgsl.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

const WORKGROUP_SIZE = 64;

/**
 * The weights as the program reads them: `[block][c][i][j][lane]`, output channel
 * `block · blockChannels + lane`, from `[out][in][kH][kW]` (or `[in][out][kH][kW]` when
 * transposed); the lanes past the last channel hold zeros.
 */
function blockedWeights(weights: Int32Array, attrs: IntConv2dAttrs, blocks: number, blockChannels: number): Int32Array {
  const { inChannels, outChannels, transposed } = attrs;
  const taps = attrs.kernelHeight * attrs.kernelWidth;
  const blocked = new Int32Array(blocks * blockChannels * inChannels * taps);
  for (let o = 0; o < outChannels; o++) {
    const block = Math.floor(o / blockChannels);
    const lane = o % blockChannels;
    for (let c = 0; c < inChannels; c++) {
      const from = (transposed ? c * outChannels + o : o * inChannels + c) * taps;
      const to = (block * inChannels + c) * taps * blockChannels + lane;
      for (let t = 0; t < taps; t++) blocked[to + t * blockChannels] = weights[from + t];
    }
  }
  return blocked;
}

/**
 * One invocation per output position and block of up to 16 output channels (fewer when the
 * layer has fewer), gathering its taps (see the program), in chunks of blocks (or of one
 * block's plane) within the device's limits; the input is uploaded once. Core's checks run
 * first, so no i32 sum can overflow.
 */
export const intConv2dKernel: KernelConfig<typeof IntConv2d> = {
  kernelName: IntConv2d,
  backendName: 'webgpu',
  async run({ input, weights, bias }, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    const [outChannels, outHeight, outWidth] = checkIntConv2dInputs({ input, weights, bias }, attrs);
    const { inChannels, kernelHeight, kernelWidth, shift, clampMin, clampMax } = attrs;
    const plane = outHeight * outWidth;
    const out = new Int32Array(outChannels * plane);
    const vecs = Math.min(INT_CONV2D_MAX_VECS, Math.ceil(outChannels / 4));
    const blockChannels = 4 * vecs;
    const blocks = Math.ceil(outChannels / blockChannels);
    const blockWeights = blockChannels * inChannels * kernelHeight * kernelWidth;
    const program = intConv2dProgram(WORKGROUP_SIZE, { ...attrs, outWidth, vecs });
    const chunks = convChunks(
      {
        kernelName: IntConv2d,
        blocks,
        blockChannels,
        plane,
        channelWeights: inChannels * kernelHeight * kernelWidth,
        inputValues: input.length,
        workgroupSize: WORKGROUP_SIZE,
      },
      gpu.options.maxChunkSymbols,
      gpu.device.limits,
    );
    const blocked = blockedWeights(weights, attrs, blocks, blockChannels);
    const blockedBias = new Int32Array(blocks * blockChannels);
    blockedBias.set(bias);
    const mostInvocations = chunks.reduce((most, c) => Math.max(most, c.blocks * c.positions), 0);
    const mostBlocks = chunks.reduce((most, c) => Math.max(most, c.blocks), 0);
    const work = new GpuWork(gpu, IntConv2d);
    try {
      const params = work.uniform(4 * INT_CONV2D_PARAM_WORDS);
      const resultBytes = 4 * blockChannels * mostInvocations;
      const results = work.storage(resultBytes);
      const staging = work.staging(resultBytes);
      const inputBuffer = work.storage(input.byteLength);
      work.write(inputBuffer, input);
      const weightBuffer = work.storage(4 * mostBlocks * blockWeights);
      const biasBuffer = work.storage(4 * blockChannels * mostBlocks);
      const bindings = [params, results, inputBuffer, weightBuffer, biasBuffer];
      const rounding = [shift, shift > 0 ? 2 ** (shift - 1) : 0, clampMin, clampMax];
      let loaded = -1;
      for (const chunk of chunks) {
        if (chunk.firstBlock !== loaded) {
          const end = chunk.firstBlock + chunk.blocks;
          work.write(weightBuffer, blocked.subarray(chunk.firstBlock * blockWeights, end * blockWeights));
          work.write(biasBuffer, blockedBias.subarray(chunk.firstBlock * blockChannels, end * blockChannels));
          loaded = chunk.firstBlock;
        }
        const count = chunk.blocks * chunk.positions;
        const words = new Int32Array(INT_CONV2D_PARAM_WORDS);
        words.set([count, chunk.positions, chunk.firstPosition, ...rounding]);
        work.write(params, words);
        const bytes = 4 * blockChannels * count;
        await work.run(program, bindings, count, [[results, staging, bytes]]);
        const values = new Int32Array(await work.read(staging, bytes));
        // [block][lane][position] → each channel's run of positions; padding lanes are dropped.
        const firstChannel = chunk.firstBlock * blockChannels;
        const channels = Math.min(chunk.blocks * blockChannels, outChannels - firstChannel);
        for (let k = 0; k < channels; k++) {
          out.set(
            values.subarray(k * chunk.positions, (k + 1) * chunk.positions),
            (firstChannel + k) * plane + chunk.firstPosition,
          );
        }
      }
    } finally {
      work.destroy();
    }
    return out;
  },
};
