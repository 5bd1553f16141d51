import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  Activation,
  ActivationBackprop,
  ActivationBackpropExactness,
  ActivationExactness,
  type ActivationKind,
  AdamUpdate,
  AdamUpdateExactness,
  type Backend,
  Conv2d,
  Conv2dBackpropFilter,
  Conv2dBackpropFilterExactness,
  Conv2dBackpropInput,
  Conv2dBackpropInputExactness,
  Conv2dExactness,
  DequantizeScalar,
  type Exactness,
  Gdn,
  GdnBackprop,
  GdnBackpropExactness,
  GdnExactness,
  getBackend,
  IntConv2d,
  isLicoError,
  type KernelName,
  PmfToQuantizedCdf,
  QuantizeScalar,
  RansDecode,
  RansEncode,
  runKernel,
  TcqDequantize,
  TcqQuantize,
} from '../src/index.js';
import { seededRandom } from '../src/random.js';
import { conv2dCases, firstMismatch, gdnCases, uniformFloats } from './float-cases.js';
import { intConvCases } from './int-conv-cases.js';
import { quantizeCases } from './quantize-cases.js';
import { drawValues, type RansCase, randomTables, ransCases } from './rans-cases.js';

export interface ConformanceOptions {
  /** Kernels this backend does not implement yet, each with the reason (reviewed like code). */
  readonly skip?: Partial<Record<KernelName, string>>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const hashInts = (values: Int32Array) => sha256(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
function expectClose(actual: Float32Array | undefined, expected: Float32Array, exactness: Exactness, what: string) {
  expect(actual, what).toBeInstanceOf(Float32Array);
  const k = firstMismatch(actual as Float32Array, expected, exactness);
  expect(k === -1 ? 'close' : `${what}: value ${k} is ${actual?.[k]}, js has ${expected[k]}`).toBe('close');
}

const goldenPath = new URL('../../../fixtures/bitstreams/golden.json', import.meta.url);

/**
 * Runs every kernel of `backendName` against the js reference: equal numbers within each
 * contract's exactness, golden bitstreams, streams that decode across backends, and malformed
 * input that fails with the right code. The js backend must be registered too.
 */
export function describeConformance(backendName: string, options: ConformanceOptions = {}): void {
  const skip = options.skip ?? {};
  describe(`conformance [${backendName}]`, () => {
    let backend: Backend;
    let cases: RansCase[];
    // Started inside each test rather than in beforeAll, so that a backend that cannot start
    // fails every test (with its reason) instead of leaving them skipped.
    beforeEach(async () => {
      backend = await getBackend(backendName);
      cases ??= await ransCases();
    });

    test.skipIf(Boolean(skip.PmfToQuantizedCdf))(
      `PmfToQuantizedCdf [${backendName}] equals js bit for bit`,
      async () => {
        const random = seededRandom(99);
        for (const precision of [1, 8, 12, 16]) {
          const tables = 30;
          const starts = new Uint32Array(tables + 1);
          for (let t = 0; t < tables; t++)
            starts[t + 1] = starts[t] + 1 + Math.floor(random() * Math.min(200, 2 ** precision));
          const pmf = new Uint32Array(starts[tables]);
          for (let i = 0; i < pmf.length; i++) {
            const r = random();
            pmf[i] = r < 0.1 ? 0 : r < 0.2 ? 0xffffffff >>> Math.floor(random() * 8) : Math.floor(random() * 1e5);
          }
          const inputs = { pmf, starts };
          const expected = await runKernel(PmfToQuantizedCdf, inputs, { precision }, 'js');
          const actual = await runKernel(PmfToQuantizedCdf, inputs, { precision }, backend);
          expect(sha256(new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength))).toBe(
            sha256(new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength)),
          );
        }
      },
    );

    test.skipIf(Boolean(skip.RansEncode))(`RansEncode [${backendName}] writes the js reference's bytes`, async () => {
      for (const c of cases) {
        const expected = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
        const actual = await runKernel(RansEncode, c, { lanes: c.lanes }, backend);
        expect(sha256(actual), c.name).toBe(sha256(expected));
      }
    });

    test.skipIf(Boolean(skip.RansDecode))(`RansDecode [${backendName}] decodes js streams`, async () => {
      for (const c of cases) {
        const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
        const decoded = await runKernel(RansDecode, { stream, indexes: c.indexes, tables: c.tables }, {}, backend);
        expect(decoded, c.name).toEqual(c.values);
      }
    });

    test.skipIf(Boolean(skip.RansEncode))(`RansEncode [${backendName}] streams decode on js`, async () => {
      for (const c of cases) {
        const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, backend);
        const decoded = await runKernel(RansDecode, { stream, indexes: c.indexes, tables: c.tables }, {}, 'js');
        expect(decoded, c.name).toEqual(c.values);
      }
    });

    test.skipIf(Boolean(skip.RansEncode))(`RansEncode [${backendName}] matches the golden bitstreams`, async () => {
      const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, string>;
      for (const c of cases) {
        const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, backend);
        expect(sha256(stream), c.name).toBe(golden[c.name]);
      }
    });

    test.skipIf(Boolean(skip.RansDecode))(
      `RansDecode [${backendName}] rejects truncated and corrupted streams`,
      async () => {
        const tables = await randomTables(5, 16, 16, 200);
        const { values, indexes } = drawValues(6, tables, 3000, 0.01);
        const stream = await runKernel(RansEncode, { values, indexes, tables }, { lanes: 8 }, 'js');
        const random = seededRandom(7);
        let detected = 0;
        const trials = 200;
        for (let trial = 0; trial < trials; trial++) {
          const at = Math.floor(random() * stream.length);
          const broken = trial % 2 === 0 ? stream.slice(0, at) : stream.slice();
          if (trial % 2 === 1) broken[at] ^= 1 + Math.floor(random() * 255);
          try {
            const decoded = await runKernel(RansDecode, { stream: broken, indexes, tables }, {}, backend);
            expect(decoded.length).toBe(values.length);
          } catch (error) {
            expect(
              isLicoError(error, 'LICO_BITSTREAM_CORRUPT') ||
                isLicoError(error, 'LICO_BITSTREAM_TRUNCATED') ||
                isLicoError(error, 'LICO_UNSUPPORTED_VERSION'),
              String(error),
            ).toBe(true);
            detected++;
          }
        }
        // Truncation is always caught; a flipped byte only escapes the end-state check by chance.
        expect(detected).toBeGreaterThanOrEqual(trials * 0.9);
      },
    );

    test.skipIf(Boolean(skip.RansDecode))(`RansDecode [${backendName}] writes into a given output array`, async () => {
      const c = cases[4];
      const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
      const output = new Int32Array(c.values.length).fill(-1);
      const decoded = await runKernel(
        RansDecode,
        { stream, indexes: c.indexes, tables: c.tables, output },
        {},
        backend,
      );
      expect(decoded).toBe(output);
      expect(output).toEqual(c.values);
      const wrong = new Int32Array(c.values.length - 1);
      await expect(
        runKernel(RansDecode, { stream, indexes: c.indexes, tables: c.tables, output: wrong }, {}, backend),
      ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    });

    test.skipIf(Boolean(skip.RansDecode))(`RansDecode [${backendName}] rejects wrong indexes and counts`, async () => {
      const c = cases[4];
      const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
      const badIndex = c.indexes.slice();
      badIndex[123] = 1 << 20;
      await expect(
        runKernel(RansDecode, { stream, indexes: badIndex, tables: c.tables }, {}, backend),
      ).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
      });
      await expect(
        runKernel(RansDecode, { stream, indexes: c.indexes.subarray(1), tables: c.tables }, {}, backend),
      ).rejects.toMatchObject({ code: 'LICO_BITSTREAM_CORRUPT' });
    });
    test.skipIf(Boolean(skip.QuantizeScalar || skip.DequantizeScalar))(
      `QuantizeScalar and DequantizeScalar [${backendName}] equal js`,
      async () => {
        for (const c of quantizeCases()) {
          const inputs = { latents: c.latents, means: c.means };
          const attrs = { step: c.step, rounding: c.rounding };
          const expected = await runKernel(QuantizeScalar, inputs, attrs, 'js');
          const actual = await runKernel(QuantizeScalar, inputs, attrs, backend);
          expect(hashInts(actual.indexes), c.name).toBe(hashInts(expected.indexes));
          expect(hashInts(actual.reconstruction), c.name).toBe(hashInts(expected.reconstruction));
          const again = await runKernel(
            DequantizeScalar,
            { indexes: actual.indexes, means: c.means },
            { step: c.step },
            backend,
          );
          expect(hashInts(again), c.name).toBe(hashInts(expected.reconstruction));
        }
      },
    );

    test.skipIf(Boolean(skip.TcqQuantize))(
      `TcqQuantize [${backendName}] makes the js reference's decisions`,
      async () => {
        const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, string>;
        for (const c of quantizeCases()) {
          const inputs = { latents: c.latents, means: c.means, tableIndexes: c.tableIndexes, rates: c.rates };
          const attrs = { step: c.step, states: c.states, sequenceLength: c.sequenceLength, bitCost: c.bitCost };
          const actual = await runKernel(TcqQuantize, inputs, attrs, backend);
          expect(hashInts(actual.indexes), c.name).toBe(golden[`TcqQuantize: ${c.name}`]);
          const expected = await runKernel(TcqQuantize, inputs, attrs, 'js');
          expect(hashInts(actual.reconstruction), c.name).toBe(hashInts(expected.reconstruction));
        }
      },
    );

    test.skipIf(Boolean(skip.TcqDequantize))(
      `TcqDequantize [${backendName}] rebuilds TcqQuantize's reconstruction`,
      async () => {
        for (const c of quantizeCases()) {
          const inputs = { latents: c.latents, means: c.means, tableIndexes: c.tableIndexes, rates: c.rates };
          const attrs = { step: c.step, states: c.states, sequenceLength: c.sequenceLength, bitCost: c.bitCost };
          const quantized = await runKernel(TcqQuantize, inputs, attrs, 'js');
          const rebuilt = await runKernel(
            TcqDequantize,
            { indexes: quantized.indexes, means: c.means },
            attrs,
            backend,
          );
          expect(hashInts(rebuilt), c.name).toBe(hashInts(quantized.reconstruction));
        }
      },
    );

    test.skipIf(Boolean(skip.TcqQuantize))(
      `TcqQuantize [${backendName}] rejects bad input with typed errors`,
      async () => {
        const c = quantizeCases()[0];
        const attrs = { step: c.step, states: c.states, sequenceLength: c.sequenceLength, bitCost: c.bitCost };
        const badTable = c.tableIndexes.slice();
        badTable[7] = 99;
        const run = (inputs: object, a: object) =>
          runKernel(
            TcqQuantize,
            { ...c, tableIndexes: c.tableIndexes, ...inputs } as never,
            { ...attrs, ...a } as never,
            backend,
          );
        await expect(run({ tableIndexes: badTable }, {})).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
        await expect(run({}, { states: 6 })).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
        await expect(run({ latents: Int32Array.of(2 ** 29, ...c.latents.subarray(1)) }, {})).rejects.toMatchObject({
          code: 'LICO_LIMIT_EXCEEDED',
        });
      },
    );
    test.skipIf(Boolean(skip.IntConv2d))(
      `IntConv2d [${backendName}] computes the js reference's integers`,
      async () => {
        const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as Record<string, string>;
        for (const c of intConvCases()) {
          const actual = await runKernel(IntConv2d, c.inputs, c.attrs, backend);
          expect(hashInts(actual), c.name).toBe(golden[`IntConv2d: ${c.name}`]);
        }
      },
    );

    test.skipIf(Boolean(skip.IntConv2d))(
      `IntConv2d [${backendName}] refuses values that could overflow int32`,
      async () => {
        const c = intConvCases()[0];
        const loud = { ...c.inputs, input: c.inputs.input.map(() => 2 ** 20) };
        await expect(runKernel(IntConv2d, loud, c.attrs, backend)).rejects.toMatchObject({
          code: 'LICO_LIMIT_EXCEEDED',
        });
        await expect(runKernel(IntConv2d, c.inputs, { ...c.attrs, shift: 31 }, backend)).rejects.toMatchObject({
          code: 'LICO_INVALID_ARGUMENT',
        });
        await expect(runKernel(IntConv2d, c.inputs, { ...c.attrs, clampMax: 2 ** 31 }, backend)).rejects.toMatchObject({
          code: 'LICO_INVALID_ARGUMENT',
        });
      },
    );
    test.skipIf(Boolean(skip.Conv2d))(`Conv2d [${backendName}] agrees with js`, async () => {
      for (const c of conv2dCases()) {
        for (const bias of [c.bias, undefined]) {
          const inputs = { input: c.input, weights: c.weights, bias };
          const expected = await runKernel(Conv2d, inputs, c.attrs, 'js');
          const actual = await runKernel(Conv2d, inputs, c.attrs, backend);
          expectClose(actual, expected, Conv2dExactness, `${c.name}${bias ? '' : ', no bias'}`);
        }
      }
    });

    test.skipIf(Boolean(skip.Conv2dBackpropInput))(`Conv2dBackpropInput [${backendName}] agrees with js`, async () => {
      for (const c of conv2dCases()) {
        const inputs = { outputGrad: c.outputGrad, weights: c.weights };
        const expected = await runKernel(Conv2dBackpropInput, inputs, c.attrs, 'js');
        const actual = await runKernel(Conv2dBackpropInput, inputs, c.attrs, backend);
        expectClose(actual, expected, Conv2dBackpropInputExactness, c.name);
      }
    });

    test.skipIf(Boolean(skip.Conv2dBackpropFilter))(
      `Conv2dBackpropFilter [${backendName}] agrees with js`,
      async () => {
        for (const c of conv2dCases()) {
          for (const hasBias of [true, false]) {
            const attrs = { ...c.attrs, hasBias };
            const inputs = { input: c.input, outputGrad: c.outputGrad };
            const expected = await runKernel(Conv2dBackpropFilter, inputs, attrs, 'js');
            const actual = await runKernel(Conv2dBackpropFilter, inputs, attrs, backend);
            expectClose(actual.weightsGrad, expected.weightsGrad, Conv2dBackpropFilterExactness, `${c.name} weights`);
            if (hasBias)
              expectClose(actual.biasGrad, expected.biasGrad as Float32Array, Conv2dBackpropFilterExactness, c.name);
            else expect(actual.biasGrad).toBeUndefined();
          }
        }
      },
    );

    test.skipIf(Boolean(skip.Conv2d))(`Conv2d [${backendName}] rejects a wrong geometry`, async () => {
      const c = conv2dCases()[0];
      const inputs = { input: c.input, weights: c.weights, bias: c.bias };
      await expect(
        runKernel(Conv2d, { ...inputs, input: c.input.subarray(1) }, c.attrs, backend),
      ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
      await expect(runKernel(Conv2d, inputs, { ...c.attrs, outputPadding: 1 }, backend)).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
      });
      await expect(runKernel(Conv2d, inputs, { ...c.attrs, kernelHeight: 40 }, backend)).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
      });
    });

    test.skipIf(Boolean(skip.Gdn || skip.GdnBackprop))(
      `Gdn and GdnBackprop [${backendName}] agree with js`,
      async () => {
        for (const c of gdnCases()) {
          const inputs = { input: c.input, beta: c.beta, gamma: c.gamma };
          const expected = await runKernel(Gdn, inputs, c.attrs, 'js');
          const actual = await runKernel(Gdn, inputs, c.attrs, backend);
          expectClose(actual.output, expected.output, GdnExactness, `${c.name} output`);
          expectClose(actual.norm, expected.norm, GdnExactness, `${c.name} norm`);
          const backInputs = { input: c.input, norm: expected.norm, outputGrad: c.outputGrad, gamma: c.gamma };
          const back = await runKernel(GdnBackprop, backInputs, c.attrs, 'js');
          const got = await runKernel(GdnBackprop, backInputs, c.attrs, backend);
          expectClose(got.inputGrad, back.inputGrad, GdnBackpropExactness, `${c.name} inputGrad`);
          expectClose(got.betaGrad, back.betaGrad, GdnBackpropExactness, `${c.name} betaGrad`);
          expectClose(got.gammaGrad, back.gammaGrad, GdnBackpropExactness, `${c.name} gammaGrad`);
        }
      },
    );

    test.skipIf(Boolean(skip.Gdn))(`Gdn [${backendName}] rejects a wrong gamma`, async () => {
      const c = gdnCases()[0];
      await expect(
        runKernel(Gdn, { input: c.input, beta: c.beta, gamma: c.gamma.subarray(1) }, c.attrs, backend),
      ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    });

    test.skipIf(Boolean(skip.Activation || skip.ActivationBackprop))(
      `Activation and ActivationBackprop [${backendName}] agree with js`,
      async () => {
        // Values across the ranges where each function bends or saturates, 0 included; enough
        // of them that the native kernels start their threads.
        const input = uniformFloats(300_000, -25, 25, 41);
        input.set([0, -0, 1e-8, -1e-8, 20, -20, 30, -30, 88, -88]);
        const outputGrad = uniformFloats(input.length, -1, 1, 42);
        const kinds: ActivationKind[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'softplus'];
        for (const kind of kinds) {
          const attrs = { kind, negativeSlope: 0.2 };
          const expected = await runKernel(Activation, { input }, attrs, 'js');
          expectClose(await runKernel(Activation, { input }, attrs, backend), expected, ActivationExactness, kind);
          const back = await runKernel(ActivationBackprop, { input, outputGrad }, attrs, 'js');
          const got = await runKernel(ActivationBackprop, { input, outputGrad }, attrs, backend);
          expectClose(got, back, ActivationBackpropExactness, `${kind} gradient`);
        }
        await expect(runKernel(Activation, { input }, { kind: 'gelu' as never }, backend)).rejects.toMatchObject({
          code: 'LICO_INVALID_ARGUMENT',
        });
      },
    );

    test.skipIf(Boolean(skip.AdamUpdate))(`AdamUpdate [${backendName}] agrees with js over steps`, async () => {
      for (const maxGradNorm of [0, 1]) {
        const n = 200_003;
        const states = ['js', backend].map(() => ({
          params: uniformFloats(n, -1, 1, 51),
          m: new Float32Array(n),
          v: new Float32Array(n),
        }));
        for (let step = 1; step <= 3; step++) {
          const grads = uniformFloats(n, -0.01, 0.01, 52 + step);
          const attrs = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step, maxGradNorm };
          const expected = await runKernel(AdamUpdate, { ...states[0], grads }, attrs, 'js');
          const actual = await runKernel(AdamUpdate, { ...states[1], grads }, attrs, backend);
          expect(actual.gradNorm).toBeCloseTo(expected.gradNorm, 4);
          for (const key of ['params', 'm', 'v'] as const) {
            expectClose(states[1][key], states[0][key], AdamUpdateExactness, `step ${step} ${key}`);
          }
        }
      }
      const p = new Float32Array(4);
      await expect(
        runKernel(
          AdamUpdate,
          { params: p, grads: p, m: p, v: p.subarray(1) },
          { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 1, maxGradNorm: 0 },
          backend,
        ),
      ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    });
  });
}
