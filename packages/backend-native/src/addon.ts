import { createRequire } from 'node:module';
import type { CcResult } from '@lico/core';
import { missingCpuFeatures } from './cpu-features.js';

/** A {@link CdfTables} rearranged for coding, held by the addon (an N-API External). */
export type NativeTables = { readonly __nativeTables: unique symbol };

/** The entry points of `lico_native.node` (cc/bindings/napi/). */
export interface NativeAddon {
  info(): { simd: string; threads: number };
  /** Detaches a whole output of the addon and reuses its memory at once; false for other arrays. */
  recycleOutput(output: ArrayBufferView): boolean;
  prepareRansTables(cdf: Uint32Array, starts: Uint32Array, valueOffsets: Int32Array, precision: number): NativeTables;
  lico_RansEncode(
    tables: NativeTables,
    values: Int32Array,
    indexes: Int32Array,
    lanes: number,
  ): CcResult & { lanes?: Uint8Array; laneLengths?: Uint32Array; escapes?: Uint8Array };
  lico_RansDecode(
    tables: NativeTables,
    stream: Uint8Array,
    laneStarts: Uint32Array,
    escapeStart: number,
    escapeEnd: number,
    indexes: Int32Array,
    output?: Int32Array,
  ): CcResult & { values?: Int32Array };
  lico_PmfToQuantizedCdf(pmf: Uint32Array, starts: Uint32Array, precision: number): Uint32Array;
  lico_QuantizeScalar(
    latents: Int32Array,
    means: Int32Array | undefined,
    step: number,
    rounding: number,
  ): { indexes: Int32Array; reconstruction: Int32Array };
  lico_DequantizeScalar(indexes: Int32Array, means: Int32Array | undefined, step: number): Int32Array;
  lico_TcqQuantize(
    latents: Int32Array,
    means: Int32Array | undefined,
    tableIndexes: Int32Array,
    costs: Uint32Array,
    starts: Uint32Array,
    offsets: Int32Array,
    step: number,
    states: number,
    sequenceLength: number,
    bitCost: number,
  ): CcResult & { indexes?: Int32Array; reconstruction?: Int32Array };
  lico_TcqDequantize(
    indexes: Int32Array,
    means: Int32Array | undefined,
    step: number,
    states: number,
    sequenceLength: number,
  ): Int32Array;
  lico_IntConv2d(
    input: Int32Array,
    weights: Int32Array,
    bias: Int32Array,
    inChannels: number,
    height: number,
    width: number,
    outChannels: number,
    kernelHeight: number,
    kernelWidth: number,
    stride: number,
    padding: number,
    transposed: boolean,
    outputPadding: number,
    shift: number,
    clampMin: number,
    clampMax: number,
  ): Int32Array;
  lico_Conv2d(
    input: Float32Array,
    weights: Float32Array,
    bias: Float32Array | undefined,
    ...geometry: NativeConv2dGeometry
  ): CcResult & { output?: Float32Array };
  lico_Conv2dBackpropInput(
    outputGrad: Float32Array,
    weights: Float32Array,
    ...geometry: NativeConv2dGeometry
  ): CcResult & { inputGrad?: Float32Array };
  lico_Conv2dBackpropFilter(
    input: Float32Array,
    outputGrad: Float32Array,
    ...rest: [...NativeConv2dGeometry, hasBias: boolean]
  ): CcResult & { weightsGrad?: Float32Array; biasGrad?: Float32Array };
  lico_Gdn(
    input: Float32Array,
    beta: Float32Array,
    gamma: Float32Array,
    batch: number,
    channels: number,
    height: number,
    width: number,
    inverse: boolean,
  ): CcResult & { output?: Float32Array; norm?: Float32Array };
  lico_GdnBackprop(
    input: Float32Array,
    norm: Float32Array,
    outputGrad: Float32Array,
    gamma: Float32Array,
    batch: number,
    channels: number,
    height: number,
    width: number,
    inverse: boolean,
  ): CcResult & { inputGrad?: Float32Array; betaGrad?: Float32Array; gammaGrad?: Float32Array };
  /** kind: 0 relu, 1 leakyRelu, 2 sigmoid, 3 tanh, 4 softplus. */
  lico_Activation(input: Float32Array, kind: number, negativeSlope: number): Float32Array;
  lico_ActivationBackprop(
    input: Float32Array,
    outputGrad: Float32Array,
    kind: number,
    negativeSlope: number,
  ): Float32Array;
  /** Updates params, m and v in place; returns the gradients' norm before clipping. */
  lico_AdamUpdate(
    params: Float32Array,
    grads: Float32Array,
    m: Float32Array,
    v: Float32Array,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    step: number,
    maxGradNorm: number,
  ): number;
}

/** The geometry arguments of the float convolution entry points (see Conv2dAttrs). */
export type NativeConv2dGeometry = [
  batch: number,
  inChannels: number,
  height: number,
  width: number,
  outChannels: number,
  kernelHeight: number,
  kernelWidth: number,
  stride: number,
  padding: number,
  transposed: boolean,
  outputPadding: number,
];

const BUILD_HINT =
  'run `npm run build -w @lico/backend-native` (needs g++ with OpenMP, python3, make and oneDNN: libdnnl-dev)';

/**
 * Loads the addon: the file `LICO_NATIVE_ADDON` names (a custom build), else this package's
 * local build (src/ and dist/ both sit one level below build/). Throws an Error that says why
 * and how to fix it; the registry turns it into the fallback reason.
 */
export function loadAddon(): NativeAddon {
  const unsupported = missingCpuFeatures();
  if (unsupported) throw new Error(`the native addon cannot run here: ${unsupported}`);
  // libgomp reads OMP_WAIT_POLICY once, when the addon loads it. By default its idle threads spin
  // after each parallel region; where other processes share the cores, a spinning thread uses
  // up its time slice and the next region waits for the scheduler: about 8 ms per region on a
  // busy 2-core machine, against 15 µs when idle threads sleep. A setting already made wins.
  process.env.OMP_WAIT_POLICY ??= 'passive';
  const require = createRequire(import.meta.url);
  const path = process.env.LICO_NATIVE_ADDON || '../build/Release/lico_native.node';
  try {
    return require(path) as NativeAddon;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `the native addon ${path} could not be loaded on ${process.platform}-${process.arch} (${reason}); ${BUILD_HINT}`,
      { cause: error },
    );
  }
}
