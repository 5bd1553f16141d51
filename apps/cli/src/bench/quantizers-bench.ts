import { createHash } from 'node:crypto';
import { getBackend, LicoError } from '@lico/core';
import { encodeWithIndexes } from '@lico/entropy';
import {
  buildQuantizerTables,
  GaussianDensity,
  type Quantizer,
  TcqQuantizer,
  UniformQuantizer,
} from '@lico/quantizers';
import { paretoFrontier, type RdPoint, snrAt } from './rd-curves.js';
import { gaussianSource, laplacianSource, type Source } from './sources.js';
import { medianSeconds } from './timing.js';

export interface QuantizersBenchOptions {
  readonly samples: number;
  readonly repeats: number;
  /** Backends to time on the Kodak-sized latent; the sweeps run on the best available one. */
  readonly backends: readonly string[];
  readonly onProgress?: (message: string) => void;
}

type Curve = 'uniform' | 'tcq4' | 'tcq8';
type AtRate = Record<'1' | '3', number | null>;

export interface QuantizersBenchResult {
  samples: number;
  /** Backend the rate-distortion sweeps ran on. */
  sweepBackend: string;
  gainsDb: Record<string, Record<'tcq4' | 'tcq8', AtRate>>;
  shannonDistanceDb: Record<string, Record<Curve, AtRate>>;
  curves: Record<string, Record<Curve, RdPoint[]>>;
  latent: { shape: [number, number, number]; states: 8; step: number; lambda: number };
  backends: Record<string, { latentsPerSec: number; sha256: string; description: string } | { error: string }>;
}

const RATES = [1, 3] as const;
const geometric = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, i) => from * (to / from) ** (i / (count - 1)));
/** λ = c·(2Δ)²: the multiplier scales with the squared spacing of each sub-quantizer's levels. */
const LAMBDA_FACTORS = [0.02, 0.04, 0.07, 0.11, 0.16];

function quantizersFor(curve: Curve): Quantizer[] {
  if (curve === 'uniform') return geometric(0.06, 3, 40).map((step) => new UniformQuantizer({ step }));
  const states = curve === 'tcq4' ? 4 : 8;
  return geometric(0.03, 1.6, 20).flatMap((step) =>
    LAMBDA_FACTORS.map((c) => new TcqQuantizer({ step, lambda: c * (2 * step) ** 2, states })),
  );
}

/** One point: quantize, code with real bits, check the decoder where the gains are read. */
async function measure(quantizer: Quantizer, source: Source, samples: Float32Array, backend: string): Promise<RdPoint> {
  const tables = await buildQuantizerTables(quantizer, [source.density]);
  const params = { tableIndexes: new Int32Array(samples.length), tables };
  const quantized = await quantizer.quantize(samples, params, backend);
  const stream = await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables, { backend });
  const bits = (stream.length * 8) / samples.length;
  let error = 0;
  let power = 0;
  for (let i = 0; i < samples.length; i++) {
    error += (samples[i] - quantized.reconstruction[i]) ** 2;
    power += samples[i] ** 2;
  }
  if (RATES.some((r) => Math.abs(bits - r) < 0.25)) {
    const decoded = await quantizer.dequantize(await quantizer.decodeIndexes(stream, params, backend), params, backend);
    if (!decoded.every((v, i) => v === quantized.reconstruction[i])) {
      throw new LicoError(
        'LICO_INTERNAL',
        `${quantizer.name}: the decoder did not rebuild the encoder's reconstruction`,
      );
    }
  }
  return [bits, 10 * Math.log10(power / error)];
}

const hashInts = (v: Int32Array) =>
  createHash('sha256')
    .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    .digest('hex');

/** TCQ speed per backend on a 192×32×48 latent (a 768×512 image's), with the index hash. */
async function timeBackends(options: QuantizersBenchOptions, result: QuantizersBenchResult): Promise<void> {
  const [channels, height, width] = result.latent.shape;
  const plane = height * width;
  const scales = Array.from({ length: channels }, (_, c) => 0.3 * 10 ** (c / (channels - 1)));
  const latents = gaussianSource.samples(channels * plane, 7).map((v, i) => v * scales[Math.floor(i / plane)]);
  const tableIndexes = Int32Array.from({ length: latents.length }, (_, i) => Math.floor(i / plane));
  const tcq = new TcqQuantizer({ step: result.latent.step, lambda: result.latent.lambda, states: 8 });
  const tables = await buildQuantizerTables(
    tcq,
    scales.map((s) => new GaussianDensity(s)),
  );
  const params = { tableIndexes, tables, shape: result.latent.shape };
  for (const name of options.backends) {
    options.onProgress?.(`${name}: timing TCQ on a ${channels}×${height}×${width} latent`);
    try {
      const backend = await getBackend(name);
      let indexes: Int32Array = new Int32Array(0);
      const seconds = await medianSeconds(options.repeats, async () => {
        indexes = (await tcq.quantize(latents, params, backend)).indexes;
      });
      result.backends[name] = {
        latentsPerSec: latents.length / seconds,
        sha256: hashInts(indexes),
        description: backend.description,
      };
    } catch (error) {
      result.backends[name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/**
 * Rate-distortion of uniform scalar quantization (rounding, best step at each rate) against
 * 4- and 8-state TCQ (steps × λ) on memoryless Gaussian and Laplacian sources whose densities
 * the coder knows, with real coded bits from @lico/entropy; then TCQ speed per backend.
 */
export async function runQuantizersBench(options: QuantizersBenchOptions): Promise<QuantizersBenchResult> {
  const result: QuantizersBenchResult = {
    samples: options.samples,
    sweepBackend: '',
    gainsDb: {},
    shannonDistanceDb: {},
    curves: {},
    latent: { shape: [192, 32, 48], states: 8, step: 0.5, lambda: 0.1 },
    backends: {},
  };
  const sweep = await getBackend();
  result.sweepBackend = sweep.name;
  for (const source of [gaussianSource, laplacianSource]) {
    const samples = source.samples(options.samples, source === gaussianSource ? 1 : 2);
    const curves = {} as Record<Curve, RdPoint[]>;
    for (const curve of ['uniform', 'tcq4', 'tcq8'] as const) {
      options.onProgress?.(`${source.name}: sweeping ${curve}`);
      const points: RdPoint[] = [];
      for (const quantizer of quantizersFor(curve)) points.push(await measure(quantizer, source, samples, sweep.name));
      curves[curve] = paretoFrontier(points);
    }
    const at = (curve: Curve, rate: number) => snrAt(curves[curve], rate);
    const perRate = (f: (rate: number) => number | undefined): AtRate => ({
      '1': f(1) ?? null,
      '3': f(3) ?? null,
    });
    const gain = (curve: 'tcq4' | 'tcq8') =>
      perRate((r) => {
        const [a, b] = [at(curve, r), at('uniform', r)];
        return a === undefined || b === undefined ? undefined : a - b;
      });
    const distance = (curve: Curve) =>
      perRate((r) => {
        const snr = at(curve, r);
        return snr === undefined ? undefined : source.shannonSnr(r) - snr;
      });
    result.curves[source.name] = curves;
    result.gainsDb[source.name] = { tcq4: gain('tcq4'), tcq8: gain('tcq8') };
    result.shannonDistanceDb[source.name] = {
      uniform: distance('uniform'),
      tcq4: distance('tcq4'),
      tcq8: distance('tcq8'),
    };
  }
  await timeBackends(options, result);
  return result;
}
