import { ARCHITECTURES, CODEC_QUANTIZERS, DEFAULT_MODEL, type EncodeOptions } from '@lico/models';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { backendOption, type StageProgress } from './codec-command.js';
import { positiveInteger } from './option-parsers.js';
import { nativeRefiner } from './refiner.js';

function step(text: string): number {
  const value = Number(text);
  if (!(value >= 1 / 256 && value <= 4096))
    throw new InvalidArgumentError('--step must be a number from 1/256 to 4096.');
  return value;
}

/** The encoder's options, shared by `lico encode` and `lico roundtrip`. */
export function addEncoderOptions(command: Command): Command {
  return command
    .addOption(new Option('--model <name>', `architecture (default ${DEFAULT_MODEL})`).choices(ARCHITECTURES))
    .addOption(
      new Option(
        '-q, --quality <n>',
        'rate point of the trained weights, 1 = lowest rate (default: the middle one)',
      ).argParser(positiveInteger('--quality', 100)),
    )
    .option('--weights <file>', 'weights file to use instead of the trained ones (.safetensors)')
    .addOption(
      new Option('--quantizer <name>', 'uniform, deadzone (θ = 1/3) or tcq (8 states), as the model allows')
        .choices(CODEC_QUANTIZERS)
        .default('uniform'),
    )
    .addOption(new Option('--step <Δ>', 'quantizer step in latent units').argParser(step).default(1))
    .addOption(
      new Option(
        '--refine <iterations>',
        'before coding, refine y by gradient steps on this image (fewer bits for the same quality; each step costs about a training step, ~3 s per 768×512 image on one core; uniform quantizer, step 1)',
      ).argParser(positiveInteger('--refine', 10_000)),
    )
    .addOption(backendOption());
}

/**
 * The encoder's options as `encode()` takes them (`--weights` as a path: `encode()` reads it);
 * `onProgress` hears `--refine`'s iterations.
 */
export function encodeOptionsOf(
  options: Record<string, unknown>,
  onProgress?: (progress: StageProgress) => void,
): EncodeOptions {
  const refine = options.refine as number | undefined;
  return {
    model: options.model as EncodeOptions['model'],
    quality: options.quality as number | undefined,
    weights: options.weights as string | undefined,
    quantizer: options.quantizer as EncodeOptions['quantizer'],
    step: options.step as number,
    backend: options.backend as string | undefined,
    refine: refine ? nativeRefiner({ iterations: refine }, onProgress) : undefined,
  };
}
