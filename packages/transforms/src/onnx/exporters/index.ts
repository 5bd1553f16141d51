import type { OnnxExporter } from '../export.js';
import { exportLeakyRelu, exportRelu } from './activations.js';
import { exportAttentionBlock, exportResidualUnit } from './attention.js';
import { exportConv2d } from './conv.js';
import { exportConvTranspose2d } from './conv-transpose.js';
import { exportGdn } from './gdn.js';
import { exportPixelShuffle } from './pixel-shuffle.js';
import { exportResidualBlock, exportResidualBlockUpsample, exportResidualBlockWithStride } from './residual.js';
import { exportSequential } from './sequential.js';

/** The exporters of this package's layers, by layer kind. */
export const builtInExporters: ReadonlyArray<readonly [string, OnnxExporter]> = [
  ['Conv2d', exportConv2d as OnnxExporter],
  ['MaskedConv2d', exportConv2d as OnnxExporter],
  ['ConvTranspose2d', exportConvTranspose2d as OnnxExporter],
  ['PixelShuffle', exportPixelShuffle as OnnxExporter],
  ['GDN', exportGdn as OnnxExporter],
  ['ReLU', exportRelu as OnnxExporter],
  ['LeakyReLU', exportLeakyRelu as OnnxExporter],
  ['Sequential', exportSequential as OnnxExporter],
  ['ResidualBlock', exportResidualBlock as OnnxExporter],
  ['ResidualBlockWithStride', exportResidualBlockWithStride as OnnxExporter],
  ['ResidualBlockUpsample', exportResidualBlockUpsample as OnnxExporter],
  ['ResidualUnit', exportResidualUnit as OnnxExporter],
  ['AttentionBlock', exportAttentionBlock as OnnxExporter],
];
