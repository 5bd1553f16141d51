import { isLicoError } from '@lico/core';
import { afterAll, describe, expect, test } from 'vitest';
import { randomInput, smallAnalysis, smallSynthesis } from '../../test/layer-cases.js';
import {
  conv,
  createTransformSession,
  crop,
  disposeTransformSessions,
  GDN,
  maxRelativeError,
  padToMultiple,
  Sequential,
} from '../index.js';

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isLicoError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    return String(error);
  }
  throw new Error(`expected ${code}`);
}

afterAll(() => disposeTransformSessions());

describe('createTransformSession', () => {
  test('returns the same session for the same layer, backend and options, and another otherwise', async () => {
    const gA = smallAnalysis(1);
    const a = await createTransformSession(gA, { backend: 'wasm', threads: 1 });
    expect(await createTransformSession(gA, { backend: 'wasm', threads: 1 })).toBe(a);
    expect(await createTransformSession(gA, { backend: 'js' })).not.toBe(a);
    expect(await createTransformSession(smallAnalysis(1), { backend: 'wasm', threads: 1 })).not.toBe(a);
  });

  test('picks native by default in Node', async () => {
    const session = await createTransformSession(smallAnalysis(2));
    expect(session.backend).toBe('native');
    expect(session.description).toMatch(/^onnxruntime-node 1\.\d+\.\d+ \(CPU EP\)$/);
  });

  test('a changed layer gets a new session; the old one refuses to run with stale weights', async () => {
    const gA = smallAnalysis(3);
    const old = await createTransformSession(gA, { backend: 'native', threads: 1 });
    gA.loadStateDict(smallAnalysis(4).stateDict());
    const fresh = await createTransformSession(gA, { backend: 'native', threads: 1 });
    expect(fresh).not.toBe(old);
    const x = randomInput([1, 3, 16, 16], 5);
    await rejectsWith(old.run(x), 'LICO_INVALID_ARGUMENT');
    expect(maxRelativeError((await fresh.run(x)).data, gA.forward(x).data)).toBeLessThan(1e-4);
  });

  test('a disposed session refuses to run and a new one can be created', async () => {
    const gA = smallAnalysis(6);
    const session = await createTransformSession(gA, { backend: 'wasm', threads: 1 });
    await session.dispose();
    await rejectsWith(session.run(randomInput([1, 3, 8, 8], 1)), 'LICO_INVALID_ARGUMENT');
    expect(await createTransformSession(gA, { backend: 'wasm', threads: 1 })).not.toBe(session);
  });

  test('a Lico Backend object picks its name; unknown names fail with the reason', async () => {
    const session = await createTransformSession(smallAnalysis(7), { backend: { name: 'js', description: 'js' } });
    expect(session.backend).toBe('js');
    const message = await rejectsWith(
      createTransformSession(smallAnalysis(7), { backend: 'cuda' }),
      'LICO_BACKEND_UNAVAILABLE',
    );
    expect(message).toContain("'cuda' is not a transforms backend");
    expect((await createTransformSession(smallAnalysis(7), { backend: ['cuda', 'js'] })).backend).toBe('js');
    await rejectsWith(createTransformSession(smallAnalysis(7), { backend: ['cuda', 'tpu'] }), 'LICO_NO_BACKEND');
    await rejectsWith(createTransformSession(smallAnalysis(7), { threads: 0 }), 'LICO_INVALID_ARGUMENT');
  });

  test("webgpu in Node without Lico's webgpu backend says to import it", async () => {
    const message = await rejectsWith(
      createTransformSession(smallAnalysis(8), { backend: 'webgpu' }),
      'LICO_BACKEND_UNAVAILABLE',
    );
    expect(message).toContain("import '@lico/backend-webgpu'");
  });
});

describe('TransformSession.run', () => {
  const gA = smallAnalysis(8);
  const gS = smallSynthesis(9);
  const image = randomInput([1, 3, 21, 13], 10);

  test('pads to the multiple by replicate (default) or reflect, then crops to ⌈size × scale⌉', async () => {
    const session = await createTransformSession(gA, { backend: 'native', threads: 1 });
    const replicate = await session.run(image);
    const reflect = await session.run(image, { padding: 'reflect' });
    expect(replicate.dims).toEqual([1, 12, 3, 2]);
    expect(maxRelativeError(replicate.data, gA.forward(padToMultiple(image, 8, 'replicate')).data)).toBeLessThan(1e-4);
    expect(maxRelativeError(reflect.data, gA.forward(padToMultiple(image, 8, 'reflect')).data)).toBeLessThan(1e-4);
    expect(maxRelativeError(reflect.data, replicate.data)).toBeGreaterThan(1e-3);
  });

  test("padding 'none' runs odd sizes as PyTorch does (zero padding inside the convolutions)", async () => {
    const session = await createTransformSession(gA, { backend: 'native', threads: 1 });
    const y = await session.run(image, { padding: 'none' });
    expect(y.dims).toEqual([1, 12, 3, 2]);
    expect(maxRelativeError(y.data, gA.forward(image).data)).toBeLessThan(1e-4);
    const aligned = randomInput([1, 3, 32, 24], 13);
    expect((await session.run(aligned, { padding: 'none', tileSize: 16 })).data).toEqual(
      (await session.run(aligned, { tileSize: 16 })).data,
    );
  });

  test('a same-size layer gives back the input size; outputSize crops a synthesis to the image', async () => {
    const block = new Sequential(conv(3, 4, 3, 1), new GDN(4)).initialize(11);
    const same = await (await createTransformSession(block, { backend: 'native', threads: 1 })).run(image);
    expect(same.dims).toEqual([1, 4, 21, 13]);
    const decoder = await createTransformSession(gS, { backend: 'native', threads: 1 });
    const latent = randomInput([1, 12, 3, 2], 12);
    const xHat = await decoder.run(latent, { outputSize: [21, 13] });
    expect(xHat.dims).toEqual([1, 3, 21, 13]);
    expect(maxRelativeError(xHat.data, crop(gS.forward(latent), 21, 13).data)).toBeLessThan(1e-4);
  });

  test('calls run one at a time and each gets its own result', async () => {
    const session = await createTransformSession(gA, { backend: 'wasm', threads: 1 });
    const inputs = [1, 2, 3, 4].map((seed) => randomInput([1, 3, 16, 24], seed));
    const outputs = await Promise.all(inputs.map((x) => session.run(x)));
    outputs.forEach((y, i) => {
      expect(maxRelativeError(y.data, gA.forward(inputs[i]).data)).toBeLessThan(1e-4);
    });
  });

  test('wrong inputs and options throw LICO_INVALID_ARGUMENT', async () => {
    const session = await createTransformSession(gA, { backend: 'js' });
    await rejectsWith(session.run(randomInput([1, 4, 8, 8], 1)), 'LICO_INVALID_ARGUMENT');
    await rejectsWith(session.run(image, { tileSize: 0 }), 'LICO_INVALID_ARGUMENT');
    await rejectsWith(session.run(image, { padding: 'zeros' as 'reflect' }), 'LICO_INVALID_ARGUMENT');
    await rejectsWith(session.run(image, { outputSize: [100, 100] }), 'LICO_INVALID_ARGUMENT');
  });
});
