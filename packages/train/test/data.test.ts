import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultTrainDirectory, ImageCropLoader } from '../src/index.js';

const directory = defaultTrainDirectory();

describe.skipIf(!existsSync(directory))('ImageCropLoader', () => {
  test('batches of crops in [0, 1], the same for the same seed', async () => {
    const options = { directory, batch: 3, crop: 32, seed: 11 };
    const a = await ImageCropLoader.open(options);
    const b = await ImageCropLoader.open({ ...options, prefetch: 1 });
    expect(a.files.length).toBe(72);
    for (let k = 0; k < 3; k++) {
      const [x, y] = [await a.next(), await b.next()];
      expect(x.shape).toEqual([3, 3, 32, 32]);
      expect(x.data).toEqual(y.data);
      expect(Math.min(...x.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...x.data)).toBeLessThanOrEqual(1);
    }
    const c = await ImageCropLoader.open({ ...options, seed: 12 });
    expect((await c.next()).data).not.toEqual((await (await ImageCropLoader.open(options)).next()).data);
    for (const loader of [a, b, c]) loader.close();
  });

  test('refuses the Kodak test set, empty directories and bad sizes', async () => {
    await expect(ImageCropLoader.open({ directory: `${directory}/../kodak`, batch: 1, crop: 8 })).rejects.toMatchObject(
      {
        code: 'LICO_INVALID_ARGUMENT',
      },
    );
    await expect(ImageCropLoader.open({ directory: '/nonexistent', batch: 1, crop: 8 })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
    await expect(ImageCropLoader.open({ directory, batch: 0, crop: 8 })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
    const huge = await ImageCropLoader.open({ directory, batch: 1, crop: 4096 });
    await expect(huge.next()).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    huge.close();
  });
});
