import { describe, expect, test, vi } from 'vitest';
import { smallAnalysis } from '../../test/layer-cases.js';
import { createTransformSession, disposeTransformSessions } from '../index.js';

vi.mock('onnxruntime-node', () => {
  throw new Error('the addon was not built for this platform');
});

describe('backend fallback', () => {
  test('without onnxruntime-node the default is wasm, with one LICO_BACKEND_FALLBACK warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const session = await createTransformSession(smallAnalysis(1), { threads: 1 });
    await createTransformSession(smallAnalysis(2), { threads: 1 });
    expect(session.backend).toBe('wasm');
    expect(warn).toHaveBeenCalledTimes(1);
    const [message, options] = warn.mock.calls[0] as [string, { code: string }];
    expect(options.code).toBe('LICO_BACKEND_FALLBACK');
    expect(message).toMatch(/^Lico's transforms run on 'wasm'; skipped native: onnxruntime-node did not load \(/);
    await disposeTransformSessions();
  });

  test("naming 'native' fails with LICO_BACKEND_UNAVAILABLE and the reason", async () => {
    await expect(createTransformSession(smallAnalysis(3), { backend: 'native' })).rejects.toMatchObject({
      code: 'LICO_BACKEND_UNAVAILABLE',
      message: expect.stringContaining('onnxruntime-node did not load'),
    });
  });
});
