/**
 * The rate cost of running a trained model's parameter networks in integers instead of float,
 * on Kodak: the float model's rate (−log2 likelihood of the rounded latents, from the training
 * forward pass) against the real file size of the integer codec, image by image.
 *
 *   npx tsx --conditions=@lico/source tools/integer-rate-cost.ts --checkpoint runs/default-base/checkpoint.safetensors \
 *     --arch lico-checkerboard-gmm --N 96 --M 144 [--images 24]
 *
 * Prints one JSON line. Kodak is read from ../shared/data/kodak (evaluation only).
 */
import '@lico/backend-native';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '@lico/core';
import { loadModel, readSafetensors, WEIGHTS_FORMAT, WEIGHTS_FORMAT_VERSION, writeSafetensors } from '@lico/models';
import { CheckerboardGmm, noGrad, ScaleHyperprior, setTrainBackend, Variable } from '@lico/train';
import { floatTensor } from '@lico/transforms';
import sharp from 'sharp';

const { values } = parseArgs({
  options: {
    checkpoint: { type: 'string' },
    arch: { type: 'string', default: 'lico-checkerboard-gmm' },
    N: { type: 'string', default: '96' },
    M: { type: 'string', default: '144' },
    images: { type: 'string', default: '24' },
  },
});
const [N, M] = [Number(values.N), Number(values.M)];
const { tensors } = readSafetensors(new Uint8Array(await readFile(values.checkpoint as string)));
const parameters = new Map([...tensors].filter(([name]) => !name.startsWith('optimizer.')));

await setTrainBackend('native');
const floatModel = values.arch === CheckerboardGmm.id ? new CheckerboardGmm({ N, M }) : new ScaleHyperprior({ N, M });
floatModel.parameters.loadStateDict(parameters as Parameters<typeof floatModel.parameters.loadStateDict>[0]);
const metadata = {
  format: WEIGHTS_FORMAT,
  format_version: WEIGHTS_FORMAT_VERSION,
  architecture: values.arch as string,
  N: String(N),
  M: String(M),
};
const codec = await loadModel(writeSafetensors(parameters, metadata), { backend: 'native' });

const kodak = new URL('../../shared/data/kodak/', import.meta.url).pathname;
const files = (await readdir(kodak))
  .filter((f) => f.endsWith('.png'))
  .sort()
  .slice(0, Number(values.images));
const rows: { image: string; floatBpp: number; integerBpp: number }[] = [];
for (const file of files) {
  const { data, info } = await sharp(join(kodak, file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [h, w] = [info.height, info.width];
  const planar = new Float32Array(3 * h * w);
  for (let i = 0; i < h * w; i++) for (let c = 0; c < 3; c++) planar[c * h * w + i] = data[3 * i + c] / 255;
  const out = noGrad(() =>
    floatModel.forward(new Variable(planar, [1, 3, h, w]), { random: seededRandom(1), quantization: 'round' }),
  );
  let bits = 0;
  for (const likelihoods of Object.values(out.likelihoods)) for (const p of likelihoods.data) bits -= Math.log2(p);
  const compressed = await codec.compress(floatTensor(planar, [1, 3, h, w]), { backend: 'native' });
  const bytes = compressed.streams.reduce((sum, s) => sum + s.length, 0);
  rows.push({ image: file, floatBpp: bits / (h * w), integerBpp: (8 * bytes) / (h * w) });
  process.stderr.write(`${file} ${JSON.stringify(rows.at(-1))}\n`);
}
const mean = (key: 'floatBpp' | 'integerBpp') => rows.reduce((s, r) => s + r[key], 0) / rows.length;
const result = {
  arch: values.arch,
  N,
  M,
  images: rows.length,
  floatBpp: mean('floatBpp'),
  integerBpp: mean('integerBpp'),
  costPct: (mean('integerBpp') / mean('floatBpp') - 1) * 100,
  rows,
};
console.log(JSON.stringify(result));
await codec.dispose();
