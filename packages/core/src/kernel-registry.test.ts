import { describe, expect, test } from 'vitest';
import { registerBackend } from './backend-registry.js';
import { registerKernel, runKernel, runKernelSync } from './kernel-registry.js';
import { PmfToQuantizedCdf, QuantizeScalar, RansDecode } from './kernels/index.js';

registerBackend('fake', () => ({ name: 'fake', description: 'fake' }), 1);
registerKernel({ kernelName: PmfToQuantizedCdf, backendName: 'fake', run: () => new Uint32Array([0, 1]) });
registerKernel({
  kernelName: QuantizeScalar,
  backendName: 'fake',
  run: async () => ({ indexes: new Int32Array(), reconstruction: new Int32Array() }),
});
const fake = { name: 'fake', description: 'fake' };

describe('kernel registry', () => {
  test('runs the kernel registered for the backend', async () => {
    const out = await runKernel(
      PmfToQuantizedCdf,
      { pmf: new Uint32Array(1), starts: new Uint32Array([0, 1]) },
      { precision: 1 },
      'fake',
    );
    expect(Array.from(out)).toEqual([0, 1]);
  });

  test('a missing kernel names the kernel, the backend and what it has', async () => {
    const call = runKernel(
      RansDecode,
      { stream: new Uint8Array(), indexes: new Int32Array(), tables: {} as never },
      {},
      'fake',
    );
    await expect(call).rejects.toMatchObject({
      code: 'LICO_KERNEL_MISSING',
      message: expect.stringMatching(/'fake' has no kernel RansDecode; kernels it has: PmfToQuantizedCdf/),
    });
  });

  test('registering the same kernel twice for a backend throws', () => {
    expect(() =>
      registerKernel({ kernelName: PmfToQuantizedCdf, backendName: 'fake', run: () => new Uint32Array() }),
    ).toThrow(expect.objectContaining({ code: 'LICO_ALREADY_REGISTERED' }));
  });

  test('runKernelSync returns what a synchronous kernel returns and refuses an asynchronous one', () => {
    const out = runKernelSync(
      PmfToQuantizedCdf,
      { pmf: new Uint32Array(1), starts: new Uint32Array([0, 1]) },
      { precision: 1 },
      fake,
    );
    expect(Array.from(out)).toEqual([0, 1]);
    expect(() => runKernelSync(QuantizeScalar, { latents: new Int32Array() }, { step: 1, rounding: 0 }, fake)).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
    expect(() => runKernelSync(RansDecode, {} as never, {}, fake)).toThrow(
      expect.objectContaining({ code: 'LICO_KERNEL_MISSING' }),
    );
  });
});
