import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import { floatTensor, maxRelativeError } from '@lico/transforms';
import { describe, expect, test } from 'vitest';
import { type CompressionModel, importCheckpoint, readNpy } from '../src/index.js';
import { fixture } from './helpers.js';

// fixtures/checkpoints/: written by tools/make-fixture-checkpoints.py with PyTorch, beside the
// y that PyTorch's g_a computes for input.npy.
const CASES = [
  ['bmshj2018-factorized', { N: 8, M: 12 }],
  ['bmshj2018-hyperprior', { N: 8, M: 12 }],
  ['mbt2018-mean', { N: 8, M: 12 }],
  ['cheng2020-anchor', { N: 12, M: 12 }],
  ['cheng2020-attn', { N: 12, M: 12 }],
] as const;
const BACKENDS = ['js', 'native', 'wasm'] as const;

describe.each(CASES)('the CompressAI checkpoint of %s', (arch, sizes) => {
  let model: CompressionModel;

  test('imports: sizes from the shapes, derived buffers ignored, integer networks calibrated', async () => {
    model = await importCheckpoint(fixture(`${arch}.pth.tar`), { arch, backend: 'native' });
    expect(model.info).toMatchObject({ architecture: arch, ...sizes });
    expect(model.integerNetworks).toBeDefined();
  });

  test.each(BACKENDS)('gives PyTorch’s y on %s (relative error ≤ 1e-4)', async (backend) => {
    const input = readNpy(fixture('input.npy'));
    const expected = readNpy(fixture(`${arch}.y.npy`));
    const y = await model.analysis(floatTensor(input.data, input.shape), { backend });
    expect(y.dims).toEqual(expected.shape);
    expect(maxRelativeError(y.data, expected.data)).toBeLessThanOrEqual(1e-4);
  });
});
