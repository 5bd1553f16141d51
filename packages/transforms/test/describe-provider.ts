import type { BackendName } from '@lico/core';
import { afterAll, describe, expect, test } from 'vitest';
import {
  createTransformSession,
  crop,
  disposeTransformSessions,
  maxRelativeError,
  padToMultiple,
  type TransformSessionOptions,
} from '../src/index.js';
import { layerCases, randomInput, smallAnalysis, smallSynthesis } from './layer-cases.js';

/** The tolerance every provider must meet against the TypeScript reference (see maxRelativeError). */
export const TOLERANCE = 1e-4;

/**
 * The suite every transforms backend runs: each layer kind, and a small bmshj2018-like
 * analysis and synthesis end to end on an odd-sized image, against the layers' TypeScript
 * forward. Prints the measured errors.
 */
export function describeProvider(backend: BackendName, options: Omit<TransformSessionOptions, 'backend'> = {}): void {
  const errors: [string, number][] = [];
  const sessionOptions = { threads: 1, ...options, backend };

  describe(`transforms [${backend}]`, () => {
    afterAll(async () => {
      await disposeTransformSessions();
      const table = errors.map(([name, e]) => `  ${name.padEnd(44)} ${e.toExponential(2)}`).join('\n');
      console.log(`max relative error against the reference [${backend}]:\n${table}`);
    });

    test.each(layerCases().map((c) => [c.name, c] as const))(`%s [${backend}] matches the reference`, async (_, c) => {
      // Inputs at the layer's multiple, so that run() pads nothing and both see the same data.
      const x = padToMultiple(randomInput(c.dims, c.dims[1] * 100 + c.dims[2]), c.layer.spatial.multiple);
      const session = await createTransformSession(c.layer, sessionOptions);
      const actual = await session.run(x, { tileSize: false });
      const expected = c.layer.forward(x);
      expect(actual.dims).toEqual(expected.dims);
      const error = maxRelativeError(actual.data, expected.data);
      errors.push([c.name, error]);
      expect(error).toBeLessThan(TOLERANCE);
    });

    test(`g_a then g_s [${backend}] code an odd-sized batch end to end, padded and cropped`, async () => {
      const gA = smallAnalysis(21);
      const gS = smallSynthesis(22);
      const image = randomInput([2, 3, 37, 29], 23);
      const encoder = await createTransformSession(gA, sessionOptions);
      const decoder = await createTransformSession(gS, sessionOptions);
      const y = await encoder.run(image);
      const xHat = await decoder.run(y, { outputSize: [37, 29] });
      expect(y.dims).toEqual([2, 12, 5, 4]);
      expect(xHat.dims).toEqual([2, 3, 37, 29]);

      const yExpected = gA.forward(padToMultiple(image, 8));
      const xExpected = crop(gS.forward(yExpected), 37, 29);
      const errorY = maxRelativeError(y.data, yExpected.data);
      const errorX = maxRelativeError(xHat.data, xExpected.data);
      errors.push(['end to end: y', errorY], ['end to end: x̂', errorX]);
      expect(errorY).toBeLessThan(TOLERANCE);
      expect(errorX).toBeLessThan(TOLERANCE);
    });
  });
}
