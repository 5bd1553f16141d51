import { describe, expect, test } from 'vitest';
import { layerCases, randomInput, smallAnalysis, smallSynthesis } from '../../test/layer-cases.js';
import {
  AttentionBlock,
  conv,
  createTransformSession,
  crop,
  disposeTransformSessions,
  type Layer,
  maxRelativeError,
  planTiles,
  ResidualBlockUpsample,
  ResidualBlockWithStride,
  tileMargin,
} from '../index.js';
import { planAxis } from './tiling.js';

describe('planAxis', () => {
  test.each([
    [100, 24, 8, 4],
    [64, 16, 16, 16],
    [48, 64, 8, 8],
    [40, 8, 4, 4],
  ])(
    'length %i, core %i, margin %i, multiple %i: cores partition the axis; windows are equal, aligned and reach far enough',
    (length, core, margin, multiple) => {
      const spans = planAxis(length, core, margin, multiple);
      let next = 0;
      for (const span of spans) {
        expect(span.coreStart).toBe(next);
        next += span.coreLength;
        expect(span.length).toBe(spans[0].length);
        expect(span.start % multiple).toBe(0);
        expect(span.start >= 0 && span.start + span.length <= length).toBe(true);
        expect(span.start === 0 || span.start <= span.coreStart - margin).toBe(true);
        const end = span.start + span.length;
        expect(end === length || end >= span.coreStart + span.coreLength + margin).toBe(true);
      }
      expect(next).toBe(length);
    },
  );
});

/**
 * Runs a layer on a crop of rows [from, to) of `x` and on all of it, and returns which output
 * rows of the crop differ (counted from the crop's start and from its end).
 */
function observedReach(layer: Layer, dims: readonly [number, number, number, number], from: number, to: number) {
  const x = randomInput(dims, 11);
  const { up, down } = layer.spatial;
  const whole = layer.forward(x);
  const part = layer.forward(crop(x, to - from, dims[3], from, 0));
  const [n, c, , w] = part.dims;
  const rows = part.dims[2];
  const offset = (from * up) / down;
  let before = 0;
  let after = 0;
  for (let r = 0; r < rows; r++) {
    let differs = false;
    for (let plane = 0; plane < n * c && !differs; plane++) {
      for (let col = 0; col < w && !differs; col++) {
        const a = part.data[(plane * rows + r) * w + col];
        const b = whole.data[(plane * whole.dims[2] + offset + r) * w + col];
        differs = Math.abs(a - b) > 1e-6 * (1 + Math.abs(b));
      }
    }
    if (differs && r < rows / 2) before = Math.max(before, r + 1);
    if (differs && r >= rows / 2) after = Math.max(after, rows - r);
  }
  return { before, after };
}

describe('edge reach', () => {
  const cases: [string, Layer, [number, number, number, number], number, number][] = [
    ['conv 5×5 stride 2', conv(2, 3).initialize(1), [1, 2, 32, 6], 8, 24],
    ['bmshj2018-like g_a (÷8)', smallAnalysis(2, 4, 4), [1, 3, 64, 8], 16, 48],
    ['bmshj2018-like g_s (×8)', smallSynthesis(3, 4, 4), [1, 4, 12, 3], 3, 9],
    ['ResidualBlockWithStride', new ResidualBlockWithStride(3, 4).initialize(4), [1, 3, 32, 5], 8, 24],
    ['ResidualBlockUpsample', new ResidualBlockUpsample(4, 2).initialize(5), [1, 4, 16, 4], 4, 12],
    ['AttentionBlock', new AttentionBlock(4).initialize(6), [1, 4, 24, 4], 8, 16],
  ];

  test.each(cases)('%s: rows the crop gets wrong are within the predicted reach', (_, layer, dims, from, to) => {
    const predicted = layer.edgeReach({ before: 0, after: 0 });
    const observed = observedReach(layer, dims, from, to);
    expect(observed.before).toBeLessThanOrEqual(predicted.before);
    expect(observed.after).toBeLessThanOrEqual(predicted.after);
    expect(observed.before + observed.after).toBeGreaterThan(0);
  });

  test('margins are multiples of the layer multiple and cover the reach', () => {
    const gA = smallAnalysis(2);
    expect(gA.edgeReach({ before: 0, after: 0 })).toEqual({ before: 2, after: 1 }); // latent pixels
    expect(tileMargin(gA)).toBe(16);
    expect(tileMargin(smallSynthesis(3))).toBe(2);
  });
});

describe('planTiles', () => {
  const gA = smallAnalysis(31);
  const gS = smallSynthesis(32);

  test("an input within one tile's area runs whole, whatever its sides", () => {
    const plan = planTiles(gA, 512, 768, 640);
    expect([plan.rows.length, plan.columns.length]).toEqual([1, 1]);
    expect([plan.rows[0].length, plan.columns[0].length]).toEqual([512, 768]);
    // A synthesis counts output pixels: these latents are a 512×768 image.
    const scale = gS.spatial.up / gS.spatial.down;
    expect(planTiles(gS, 512 / scale, 768 / scale, 640).columns).toHaveLength(1);
    expect(planTiles(gA, 16, 4000, 256).columns).toHaveLength(1);
  });

  test('a larger input is cut into square windows of the tile side', () => {
    const plan = planTiles(gA, 1024, 1024, 640);
    expect([plan.rows.length, plan.columns.length]).toEqual([2, 2]);
    expect(plan.rows[0].length).toBe(plan.columns[0].length);
    const scale = gS.spatial.up / gS.spatial.down;
    expect(planTiles(gS, 1024 / scale, 1024 / scale, 640).rows).toHaveLength(2);
  });
});

describe('tiled runs equal untiled runs', () => {
  const gA = smallAnalysis(31);
  const gS = smallSynthesis(32);
  const image = randomInput([1, 3, 200, 136], 33);

  test('js: the stitched result is bit-identical (every output pixel is computed from the same inputs)', async () => {
    const encoder = await createTransformSession(gA, { backend: 'js' });
    const plan = planTiles(gA, 200, 136, 64);
    expect(plan.rows.length * plan.columns.length).toBeGreaterThan(4);
    const whole = await encoder.run(image, { tileSize: false });
    expect((await encoder.run(image, { tileSize: 64 })).data).toEqual(whole.data);
    const decoder = await createTransformSession(gS, { backend: 'js' });
    const wholeImage = await decoder.run(whole, { tileSize: false, outputSize: [200, 136] });
    expect((await decoder.run(whole, { tileSize: 48, outputSize: [200, 136] })).data).toEqual(wholeImage.data);
  });

  test.each(['native', 'wasm'])('%s: within 1e-4 of the untiled run', async (backend) => {
    const encoder = await createTransformSession(gA, { backend, threads: 1 });
    const decoder = await createTransformSession(gS, { backend, threads: 1 });
    const y = await encoder.run(image, { tileSize: false });
    const yTiled = await encoder.run(image, { tileSize: 64 });
    expect(maxRelativeError(yTiled.data, y.data)).toBeLessThan(1e-4);
    const x = await decoder.run(y, { tileSize: false, outputSize: [200, 136] });
    const xTiled = await decoder.run(y, { tileSize: 48, outputSize: [200, 136] });
    expect(maxRelativeError(xTiled.data, x.data)).toBeLessThan(1e-4);
    await disposeTransformSessions();
  });

  test('every layer kind tiles exactly on js', async () => {
    for (const c of layerCases()) {
      if (!c.layer.spatial.regular) continue;
      const multiple = c.layer.spatial.multiple;
      const dims = [c.dims[0], c.dims[1], 12 * multiple, 10 * multiple];
      const x = randomInput(dims, 3);
      const session = await createTransformSession(c.layer, { backend: 'js' });
      const whole = await session.run(x, { tileSize: false });
      const tiled = await session.run(x, { tileSize: 4 * multiple });
      expect(tiled.data, c.name).toEqual(whole.data);
    }
  });
});
