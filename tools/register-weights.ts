/**
 * Adds trained weights to the registry shipped with @lico/models (packages/models/weights/):
 * writes the weights with float16 floats (the integer networks, which decoding uses, stay exact)
 * and the quality in their metadata as `<architecture>-q<quality>.safetensors`, and lists the
 * file with its λ and SHA-256 in index.json (replacing that model and quality's entry).
 *
 *   npx tsx --conditions=@lico/source tools/register-weights.ts --weights runs/default-q4/weights.safetensors \
 *     --quality 4 [--kodak-bpp 0.45 --kodak-psnr 32.9]
 *
 * A Lico file names the first 16 bytes of its weights' SHA-256: replacing a listed file breaks
 * the files made with it (packages/models/weights/README.md).
 */
import '@lico/backend-native';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomically } from '@lico/core/node';
import { loadModel, readSafetensors, writeSafetensors } from '@lico/models';

const { values } = parseArgs({
  options: {
    weights: { type: 'string' },
    quality: { type: 'string' },
    'kodak-bpp': { type: 'string' },
    'kodak-psnr': { type: 'string' },
  },
});
if (!values.weights || !values.quality) throw new Error('--weights FILE and --quality Q are required');
const quality = Number(values.quality);
if (!Number.isInteger(quality) || quality < 1)
  throw new Error(`--quality must be an integer ≥ 1, not ${values.quality}`);

const directory = new URL('../packages/models/weights/', import.meta.url);
const { tensors, metadata } = readSafetensors(new Uint8Array(await readFile(values.weights)));
// The integer networks must come with the weights: calibrating them here would make a file whose
// streams no other copy of the model decodes.
if (![...tensors.keys()].some((name) => name.startsWith('integer.')))
  throw new Error(
    `${values.weights} holds no integer networks: register the weights.safetensors that lico train wrote`,
  );
const bytes = writeSafetensors(tensors, { ...metadata, quality: String(quality) }, { floatDtype: 'F16' });
// Refuse what the codec could not load: every float and integer tensor must be there and fit.
const model = await loadModel(bytes);
const { architecture, lambda } = model.info;
await model.dispose();
if (lambda === undefined) throw new Error(`${values.weights} records no λ (metadata 'lambda')`);

const file = `${architecture}-q${quality}.safetensors`;
const sha256 = createHash('sha256').update(bytes).digest('hex');
await writeFileAtomically(fileURLToPath(new URL(file, directory)), bytes);

const indexUrl = new URL('index.json', directory);
const index = JSON.parse(await readFile(indexUrl, 'utf8'));
const kodak =
  values['kodak-bpp'] && values['kodak-psnr']
    ? { kodak: { bpp: Number(values['kodak-bpp']), psnr: Number(values['kodak-psnr']) } }
    : {};
const entry = { model: architecture, quality, lambda, file, sha256, ...kodak };
index.weights = [
  ...index.weights.filter(
    (e: { model: string; quality: number }) => !(e.model === architecture && e.quality === quality),
  ),
  entry,
].sort((a: typeof entry, b: typeof entry) => a.model.localeCompare(b.model) || a.quality - b.quality);
await writeFileAtomically(fileURLToPath(indexUrl), `${JSON.stringify(index, null, 2)}\n`);
console.log(`${file}: ${bytes.length} bytes, sha256 ${sha256}`);
