import { loadavg } from 'node:os';
import { seededRandom } from '@lico/core';
import { type ArchitectureName, createArchitecture } from '@lico/models';
import { createTransformSession, floatTensor } from '@lico/transforms';
import { type PytorchTimes, pytorchTimes } from './pytorch-reference.js';
import { medianSeconds } from './timing.js';

/** The architectures the benchmark times by default, at CompressAI's sizes for the lower qualities. */
export const TRANSFORM_BENCH_ARCHS: readonly ArchitectureName[] = [
  'bmshj2018-hyperprior',
  'mbt2018-mean',
  'cheng2020-attn',
  'lico-checkerboard-gmm',
];

/**
 * Issue #5's PyTorch 1.13 reference (CompressAI, 2 threads, 768×512): whole encode and decode,
 * entropy coding included, so not the same measure as g_a and g_s alone.
 */
export const ISSUE_REFERENCE: Partial<Record<ArchitectureName, { encodeS: number; decodeS: number }>> = {
  'bmshj2018-hyperprior': { encodeS: 0.46, decodeS: 0.76 },
  'mbt2018-mean': { encodeS: 0.53, decodeS: 0.84 },
  'cheng2020-attn': { encodeS: 3.2, decodeS: 7.5 },
};

export interface TransformsBenchOptions {
  readonly archs: readonly ArchitectureName[];
  readonly backends: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly repeats: number;
  /** Time PyTorch too (when /usr/bin/python3 has torch). */
  readonly pytorch: boolean;
  readonly onProgress?: (message: string) => void;
}

export type TransformTimes = { analysisS: number; synthesisS: number; runtime: string } | { error: string };

export interface TransformsArchResult {
  readonly N: number;
  readonly M: number;
  readonly y: number[];
  readonly backends: Record<string, TransformTimes>;
  /** PyTorch's g_a and g_s, measured in the same run (or why not). */
  readonly pytorch?: PytorchTimes | { error: string };
  /** Issue #5's encode/decode times (entropy coding included). */
  readonly issue?: { encodeS: number; decodeS: number };
  /** native (g_a + g_s) over PyTorch's (g_a + g_s), measured here; the goal is at most 0.5. */
  readonly nativeOverPytorch?: number;
  /** native (g_a + g_s) over issue #5's encode + decode. */
  readonly nativeOverIssue?: number;
}

export interface TransformsBenchResult {
  readonly image: { width: number; height: number };
  readonly repeats: number;
  /** The 1-minute load average when the run started (other processes share the cores). */
  readonly loadAverage: number;
  readonly archs: Partial<Record<ArchitectureName, TransformsArchResult>>;
}

const total = (t: { analysisS: number; synthesisS: number }) => t.analysisS + t.synthesisS;

/**
 * Times the analysis and synthesis transforms of each architecture on an image (random
 * weights, CompressAI's sizes) on each backend: `model.analysis`'s and `model.synthesis`'s
 * sessions with their defaults (padding, tiling), median of `repeats` after a warm-up. PyTorch
 * runs the same transforms right after each architecture, so both see the same machine load.
 */
export async function runTransformsBench(options: TransformsBenchOptions): Promise<TransformsBenchResult> {
  const { width, height, repeats } = options;
  const random = seededRandom(5);
  const image = floatTensor(Float32Array.from({ length: 3 * width * height }, random), [1, 3, height, width]);
  const result: TransformsBenchResult = { image: { width, height }, repeats, loadAverage: loadavg()[0], archs: {} };
  for (const arch of options.archs) {
    const { modules, sizes } = createArchitecture(arch);
    const backends: Record<string, TransformTimes> = {};
    let y: number[] = [];
    for (const backend of options.backends) {
      options.onProgress?.(`${arch} on ${backend}`);
      try {
        const analysis = await createTransformSession(modules.gA, { backend });
        const synthesis = await createTransformSession(modules.gS, { backend });
        const latents = await analysis.run(image);
        y = [...latents.dims];
        const analysisS = await medianSeconds(repeats, () => analysis.run(image));
        const synthesisS = await medianSeconds(repeats, () => synthesis.run(latents, { outputSize: [height, width] }));
        backends[backend] = { analysisS, synthesisS, runtime: analysis.description };
        await Promise.all([analysis.dispose(), synthesis.dispose()]);
      } catch (error) {
        backends[backend] = { error: (error as Error).message };
      }
    }
    let pytorch: TransformsArchResult['pytorch'];
    if (options.pytorch) {
      options.onProgress?.(`${arch} in PyTorch`);
      pytorch = await pytorchTimes(arch, sizes, { width, height }, repeats);
    }
    const native = backends.native;
    const issue = ISSUE_REFERENCE[arch];
    const nativeTotal = native && 'analysisS' in native ? total(native) : undefined;
    result.archs[arch] = {
      ...sizes,
      y,
      backends,
      ...(pytorch ? { pytorch } : {}),
      ...(issue ? { issue } : {}),
      ...(nativeTotal && pytorch && 'analysisS' in pytorch ? { nativeOverPytorch: nativeTotal / total(pytorch) } : {}),
      ...(nativeTotal && issue ? { nativeOverIssue: nativeTotal / (issue.encodeS + issue.decodeS) } : {}),
    };
  }
  return result;
}
