import { LicoError } from '@lico/core';
import type { ArchitectureSizes } from '../architectures/architecture.js';
import { type ArchitectureName, checkArchitectureName } from '../architectures/names.js';
import type { IntegerNetworks } from '../coding/integer-networks.js';
import { integerNetworkTensors } from './integer-tensors.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';
import type { WeightMap } from './weight-tensor.js';

/** The `format` metadata of a Lico weights file. */
export const WEIGHTS_FORMAT = 'lico-weights';
/** The `format_version` this build writes and reads. */
export const WEIGHTS_FORMAT_VERSION = '1';

/** The metadata of a weights file, as values. */
export interface WeightsMetadata extends Partial<ArchitectureSizes> {
  readonly architecture: ArchitectureName;
  readonly quality?: number;
  readonly lambda?: number;
}

/**
 * A Lico weights file: float tensors with CompressAI's state-dict names (`floatDtype`),
 * the integer networks as I32 tensors under `integer.*`, and string metadata: `format`
 * (`lico-weights`), `format_version` (`1`), `architecture`, `N`, `M`, and `quality` and
 * `lambda` when known.
 */
export function encodeModelWeights(
  info: WeightsMetadata,
  floats: WeightMap,
  networks: IntegerNetworks,
  floatDtype: 'F32' | 'F16' = 'F32',
): Uint8Array {
  const metadata: Record<string, string> = {
    format: WEIGHTS_FORMAT,
    format_version: WEIGHTS_FORMAT_VERSION,
    architecture: info.architecture,
  };
  for (const key of ['N', 'M', 'quality', 'lambda'] as const) {
    if (info[key] !== undefined) metadata[key] = String(info[key]);
  }
  return writeSafetensors(new Map([...floats, ...integerNetworkTensors(networks)]), metadata, { floatDtype });
}

const invalid = (message: string) => new LicoError('LICO_WEIGHTS_INVALID', `Lico weights: ${message}`);

function number(metadata: Record<string, string>, key: string, integer: boolean): number | undefined {
  const text = metadata[key];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw invalid(`metadata '${key}' is ${JSON.stringify(text)}, not ${integer ? 'an integer' : 'a number'}`);
  }
  return value;
}

/**
 * Reads a weights file: its tensors and metadata. A file without Lico's `format` metadata (a
 * plain state dict saved as safetensors) needs `architecture`; a Lico file of another
 * format version is `LICO_UNSUPPORTED_VERSION`, an unknown architecture `LICO_UNSUPPORTED_MODEL`.
 */
export function decodeModelWeights(
  bytes: Uint8Array,
  architecture?: ArchitectureName,
): { metadata: WeightsMetadata; tensors: WeightMap } {
  const { metadata, tensors } = readSafetensors(bytes);
  if (metadata.format === undefined) {
    if (!architecture) {
      throw invalid(
        'the file has no Lico metadata (format, architecture); pass the architecture to read it as a plain state dict',
      );
    }
    return { metadata: { architecture: checkArchitectureName(architecture) }, tensors };
  }
  if (metadata.format !== WEIGHTS_FORMAT) throw invalid(`the format is '${metadata.format}', not '${WEIGHTS_FORMAT}'`);
  if (metadata.format_version !== WEIGHTS_FORMAT_VERSION) {
    throw new LicoError(
      'LICO_UNSUPPORTED_VERSION',
      `Lico weights format version ${metadata.format_version} is not read by this build (it reads version ${WEIGHTS_FORMAT_VERSION})`,
    );
  }
  const named = checkArchitectureName(metadata.architecture);
  if (architecture && architecture !== named) {
    throw new LicoError('LICO_WEIGHTS_MISMATCH', `the file holds ${named}, not ${architecture}`);
  }
  return {
    metadata: {
      architecture: named,
      N: number(metadata, 'N', true),
      M: number(metadata, 'M', true),
      quality: number(metadata, 'quality', false),
      lambda: number(metadata, 'lambda', false),
    },
    tensors,
  };
}
