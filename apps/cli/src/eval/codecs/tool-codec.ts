import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidArgument } from '@lico/core';
import type { EncodeResult, RgbImage } from '../codec.js';
import { DEFAULT_TOOL_TIMEOUT_MS, runTool } from '../external-tool.js';
import { checkDecodedSize, readPngRgb, readPpm, writePng, writePpm } from '../pixel-files.js';

/** Options every reference codec takes. */
export interface ToolCodecOptions {
  /** Time limit of each tool call, in milliseconds (default 120 000). */
  readonly timeoutMs?: number;
}

/** How raw pixels travel between Lico and a tool: PPM (P6), PNG, or headerless RGB24. */
export type PixelFormat = 'ppm' | 'png' | 'rgb';

/** One reference codec's round trip: the files it reads and writes, and its two command lines. */
export interface ToolRoundTrip {
  readonly codec: string;
  readonly input: PixelFormat;
  /** File name of the compressed file, with the extension the tool expects (`out.jpg`). */
  readonly compressed: string;
  readonly output: PixelFormat;
  readonly encode: (input: string, compressed: string) => readonly [tool: string, args: readonly string[]];
  readonly decode: (compressed: string, output: string) => readonly [tool: string, args: readonly string[]];
}

async function writePixels(path: string, format: PixelFormat, image: RgbImage): Promise<void> {
  if (format === 'ppm') await writePpm(path, image);
  else if (format === 'png') await writePng(path, image);
  else await writeFile(path, image.data);
}

async function readPixels(path: string, format: PixelFormat, like: RgbImage): Promise<RgbImage> {
  if (format === 'ppm') return readPpm(path);
  if (format === 'png') return readPngRgb(path);
  const data = new Uint8Array(await readFile(path));
  return { width: like.width, height: like.height, data };
}

/** Writes the input for the tool, encodes, reads the compressed file, decodes, reads the pixels. */
export async function toolRoundTrip(
  steps: ToolRoundTrip,
  image: RgbImage,
  workDir: string,
  timeoutMs = DEFAULT_TOOL_TIMEOUT_MS,
): Promise<EncodeResult> {
  const input = join(workDir, `input.${steps.input}`);
  const compressed = join(workDir, steps.compressed);
  const output = join(workDir, `decoded.${steps.output}`);
  await writePixels(input, steps.input, image);
  const [encoder, encodeArgs] = steps.encode(input, compressed);
  const encoded = await runTool(encoder, encodeArgs, { timeoutMs });
  const bytes = new Uint8Array(await readFile(compressed));
  const [decoder, decodeArgs] = steps.decode(compressed, output);
  const decodedRun = await runTool(decoder, decodeArgs, { timeoutMs });
  const decoded = checkDecodedSize(await readPixels(output, steps.output, image), image, steps.codec);
  return { bytes, decoded, encodeSeconds: encoded.seconds, decodeSeconds: decodedRun.seconds };
}

/** Throws unless `quality` is a number in [least, most] (and an integer when asked). */
export function checkQuality(codec: string, quality: number, least: number, most: number, integer = true): void {
  if (!(quality >= least && quality <= most) || (integer && !Number.isInteger(quality)))
    invalidArgument(`${codec} quality`, `${integer ? 'an integer' : 'a number'} from ${least} to ${most}`, quality);
}
