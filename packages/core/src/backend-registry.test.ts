import { afterEach, describe, expect, test, vi } from 'vitest';
import { backendFailure, getBackend, registerBackend, registeredBackends } from './backend-registry.js';

const started: string[] = [];
const backendNamed = (name: string) => () => {
  started.push(name);
  return { name, description: `${name} (test)` };
};
const failing = (reason: string) => () => {
  throw new Error(reason);
};

registerBackend('good-low', backendNamed('good-low'), 10);
registerBackend('broken-high', failing('addon missing: run the build'), 50);
registerBackend('gpu-only-by-name', backendNamed('gpu-only-by-name'), -1);

describe('backend registry', () => {
  afterEach(() => vi.restoreAllMocks());

  test('orders backends by priority, negative priorities last', () => {
    expect(registeredBackends()).toEqual(['broken-high', 'good-low', 'gpu-only-by-name']);
  });

  test('falls back past a failing backend with exactly one warning per process', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect((await getBackend()).name).toBe('good-low');
    expect((await getBackend()).name).toBe('good-low');
    expect(warn).toHaveBeenCalledTimes(1);
    const [message, options] = warn.mock.calls[0] as [string, { code: string }];
    expect(options.code).toBe('LICO_BACKEND_FALLBACK');
    expect(message).toContain('broken-high: addon missing: run the build');
    expect(message.split('\n')).toHaveLength(1);
    expect(backendFailure('broken-high')).toBe('addon missing: run the build');
  });

  test('starts a backend once however many ask at the same time', async () => {
    started.length = 0;
    await Promise.all([getBackend('gpu-only-by-name'), getBackend('gpu-only-by-name')]);
    expect(started).toEqual(['gpu-only-by-name']);
  });

  test('a backend named alone that fails throws LICO_BACKEND_UNAVAILABLE with its reason', async () => {
    await expect(getBackend('broken-high')).rejects.toMatchObject({
      code: 'LICO_BACKEND_UNAVAILABLE',
      message: expect.stringContaining('addon missing'),
    });
    await expect(getBackend('not-registered')).rejects.toMatchObject({ code: 'LICO_BACKEND_UNAVAILABLE' });
  });

  test('a list is a chain; when nothing starts, LICO_NO_BACKEND lists every reason', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect((await getBackend(['broken-high', 'gpu-only-by-name'])).name).toBe('gpu-only-by-name');
    await expect(getBackend(['broken-high', 'nowhere'])).rejects.toMatchObject({
      code: 'LICO_NO_BACKEND',
      message: expect.stringMatching(/broken-high: addon missing.*nowhere: not registered/),
    });
  });

  test('registering a name twice throws', () => {
    expect(() => registerBackend('good-low', backendNamed('x'), 1)).toThrow(
      expect.objectContaining({ code: 'LICO_ALREADY_REGISTERED' }),
    );
  });
});
