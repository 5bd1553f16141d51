import { invalidArgument } from '@lico/core';
import { STREAM_NAMES } from '../coding/stream-names.js';
import type { WeightMap } from '../weights/weight-tensor.js';
import { WeightsMismatchError } from '../weights/weights-mismatch.js';
import { bmshj2018Factorized, bmshj2018Hyperprior } from './bmshj2018.js';
import { cheng2020Anchor, cheng2020Attention } from './cheng2020.js';
import { licoCheckerboardGmm } from './lico-checkerboard-gmm.js';
import { mbt2018Mean } from './mbt2018.js';
import type { ArchitectureModules } from './modules.js';
import { type ArchitectureName, checkArchitectureName } from './names.js';

/**
 * How an architecture codes its latents:
 * - `factorized`: y with the factorized prior;
 * - `scale-hyperprior`: z with the factorized prior, y with a zero-mean Gaussian whose scales come from h_s;
 * - `mean-scale-hyperprior`: the same with means;
 * - `autoregressive`: y position by position with a Gaussian from [h_s(ẑ); masked 5×5 context];
 * - `checkerboard-mixture`: y in two passes (anchors, then the rest) with a K = 3 Gaussian mixture.
 */
export type EntropyScheme =
  | 'factorized'
  | 'scale-hyperprior'
  | 'mean-scale-hyperprior'
  | 'autoregressive'
  | 'checkerboard-mixture';

/** The hyper-parameters of an architecture: N (hidden and z channels) and M (y channels). */
export interface ArchitectureSizes {
  readonly N: number;
  readonly M: number;
}

/** An architecture at given sizes: its float module tree and how it codes. */
export interface Architecture {
  readonly name: ArchitectureName;
  readonly sizes: ArchitectureSizes;
  readonly entropy: EntropyScheme;
  readonly modules: ArchitectureModules;
  /** Channels of the factorized prior's tensor: y's (M) for `bmshj2018-factorized`, z's (N) otherwise. */
  readonly priorChannels: number;
}

interface Definition {
  readonly entropy: EntropyScheme;
  /** CompressAI's sizes for its lower qualities (and Lico's default model's). */
  readonly defaults: ArchitectureSizes;
  /** M is N (cheng2020). */
  readonly tied: boolean;
  readonly build: (sizes: ArchitectureSizes) => ArchitectureModules;
  /** The tensors whose first dimension is N and M. */
  readonly probes: { readonly N: string; readonly M: string };
}

const BMSHJ_PROBES = { N: 'g_a.0.weight', M: 'g_a.6.weight' };
const CHENG_PROBES = { N: 'g_a.0.conv1.weight', M: 'g_a.0.conv1.weight' };

const DEFINITIONS: Record<ArchitectureName, Definition> = {
  'bmshj2018-factorized': {
    entropy: 'factorized',
    defaults: { N: 128, M: 192 },
    tied: false,
    build: ({ N, M }) => bmshj2018Factorized(N, M),
    probes: BMSHJ_PROBES,
  },
  'bmshj2018-hyperprior': {
    entropy: 'scale-hyperprior',
    defaults: { N: 128, M: 192 },
    tied: false,
    build: ({ N, M }) => bmshj2018Hyperprior(N, M),
    probes: BMSHJ_PROBES,
  },
  'mbt2018-mean': {
    entropy: 'mean-scale-hyperprior',
    defaults: { N: 128, M: 192 },
    tied: false,
    build: ({ N, M }) => mbt2018Mean(N, M),
    probes: BMSHJ_PROBES,
  },
  'cheng2020-anchor': {
    entropy: 'autoregressive',
    defaults: { N: 128, M: 128 },
    tied: true,
    build: ({ N }) => cheng2020Anchor(N),
    probes: CHENG_PROBES,
  },
  'cheng2020-attn': {
    entropy: 'autoregressive',
    defaults: { N: 128, M: 128 },
    tied: true,
    build: ({ N }) => cheng2020Attention(N),
    probes: CHENG_PROBES,
  },
  'lico-checkerboard-gmm': {
    entropy: 'checkerboard-mixture',
    defaults: { N: 128, M: 192 },
    tied: false,
    build: ({ N, M }) => licoCheckerboardGmm(N, M),
    probes: BMSHJ_PROBES,
  },
};

/** `N (=…, M=…)` for messages. */
export function describeArchitecture(name: ArchitectureName, sizes: ArchitectureSizes): string {
  return DEFINITIONS[name].tied ? `${name} (N=${sizes.N})` : `${name} (N=${sizes.N}, M=${sizes.M})`;
}

function checkSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 2 || value > 4096) invalidArgument(name, 'an integer from 2 to 4096', value);
  return value;
}

/** The sizes an architecture is built with: the given ones, else CompressAI's defaults; for cheng2020 M is N. */
export function architectureSizes(name: ArchitectureName, sizes: Partial<ArchitectureSizes> = {}): ArchitectureSizes {
  const definition = DEFINITIONS[name];
  const N = checkSize('N', sizes.N ?? definition.defaults.N);
  if (definition.tied) {
    if (sizes.M !== undefined && sizes.M !== N) invalidArgument('M', `equal to N (${N}) for ${name}`, sizes.M);
    return { N, M: N };
  }
  return { N, M: checkSize('M', sizes.M ?? definition.defaults.M) };
}

/**
 * The streams a model of this architecture writes, in coding order: what a Lico file of it
 * holds (docs/format.md).
 * @example
 * ```ts
 * import { streamNames } from '@lico/models';
 * console.log(streamNames('lico-checkerboard-gmm')); // [ 'z', 'anchors', 'nonAnchors' ]
 * ```
 */
export function streamNames(name: ArchitectureName): readonly string[] {
  return STREAM_NAMES[DEFINITIONS[checkArchitectureName(name)].entropy];
}

/**
 * The module tree of an architecture, with PyTorch-like default weights (seeded: the same on
 * every machine). Given `seed`, every tensor is drawn from one generator seeded with it;
 * without, the layers keep the defaults they are built with, enough when weights are loaded
 * over them all. Sizes default to CompressAI's for the lower qualities (N = 128, M = 192;
 * cheng2020: N = M = 128).
 * @example
 * ```ts
 * import { createArchitecture } from '@lico/models';
 * const { modules, entropy } = createArchitecture('mbt2018-mean', { N: 8, M: 12 });
 * console.log(entropy, [...modules.stateDict().keys()].slice(0, 2)); // mean-scale-hyperprior [ 'g_a.0.weight', 'g_a.0.bias' ]
 * ```
 */
export function createArchitecture(
  name: ArchitectureName,
  sizes: Partial<ArchitectureSizes> = {},
  seed?: number,
): Architecture {
  const definition = DEFINITIONS[checkArchitectureName(name)];
  const resolved = architectureSizes(name, sizes);
  const built = definition.build(resolved);
  const modules = seed === undefined ? built : built.initialize(seed);
  return {
    name,
    sizes: resolved,
    entropy: definition.entropy,
    modules,
    priorChannels: definition.entropy === 'factorized' ? resolved.M : resolved.N,
  };
}

/**
 * N and M read from the shapes of a state dict (the first dimension of the first analysis
 * convolution, and of the last one): given sizes win, so a wrong one shows up as mis-shaped
 * tensors when the weights are checked.
 */
export function inferSizes(
  name: ArchitectureName,
  weights: WeightMap,
  given: Partial<ArchitectureSizes> = {},
): ArchitectureSizes {
  const { probes } = DEFINITIONS[checkArchitectureName(name)];
  const read = (probe: string) => {
    const shape = weights.get(probe)?.shape;
    if (shape?.length !== 4) throw new WeightsMismatchError(name, [probe], [], []);
    return shape[0];
  };
  const N = given.N ?? read(probes.N);
  return architectureSizes(name, { N, M: given.M ?? (DEFINITIONS[name].tied ? N : read(probes.M)) });
}
