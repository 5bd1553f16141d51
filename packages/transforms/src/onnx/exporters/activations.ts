import type { LeakyReLU, ReLU } from '../../layers/activations.js';
import type { OnnxExporter } from '../export.js';
import { float } from '../graph-builder.js';

/** `ReLU` → ONNX `Relu`. */
export const exportRelu: OnnxExporter<ReLU> = (_layer, { graph, nameOf }, input) =>
  graph.node('Relu', [input], {}, nameOf('Relu'));

/** `LeakyReLU` → ONNX `LeakyRelu` with `alpha` = the negative slope. */
export const exportLeakyRelu: OnnxExporter<LeakyReLU> = (layer, { graph, nameOf }, input) =>
  graph.node('LeakyRelu', [input], { alpha: float(layer.negativeSlope) }, nameOf('LeakyRelu'));
