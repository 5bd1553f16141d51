/**
 * Writes the calibration crops of @lico/models (packages/models/calibration/): 256×256 crops
 * from the centre of four training photos (Unsplash License; never Kodak, the test set), as
 * 8-bit RGB PNGs. The integer parameter networks take their shifts from these images' latents
 * unless given others. Run from the repository root:
 *
 *     npx tsx tools/make-calibration-crops.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const SOURCE = join(import.meta.dirname, '../../shared/data/train');
const OUT = join(import.meta.dirname, '../packages/models/calibration');
const SIZE = 256;

/** A bird before a smooth background, an animal's face, a texture, a town: contents a codec meets. */
const CROPS = [
  'unsplash-brendon-van-zyl-O9vNYbNVtpM-unsplash.png',
  'unsplash-ja-san-miguel-_-QQuvAwQ-0-unsplash.png',
  'unsplash-la-partida-eterna-3jyGw513OP8-unsplash.png',
  'unsplash-seondol-son-skcD9ONunJw-unsplash.png',
];

mkdirSync(OUT, { recursive: true });
for (const [i, file] of CROPS.entries()) {
  const image = sharp(join(SOURCE, file));
  const { width = 0, height = 0 } = await image.metadata();
  const region = { left: (width - SIZE) >> 1, top: (height - SIZE) >> 1, width: SIZE, height: SIZE };
  const target = join(OUT, `crop-${i}.png`);
  await image.extract(region).removeAlpha().png({ compressionLevel: 9 }).toFile(target);
  console.log(`${target}: ${file} at (${region.left}, ${region.top})`);
}
