import type { AttentionBlock, ResidualUnit } from '../../layers/attention-block.js';
import type { OnnxExporter } from '../export.js';

/** `ResidualUnit` → conv (1×1, Relu, 3×3, Relu, 1×1), `Add` with the input, Relu. */
export const exportResidualUnit: OnnxExporter<ResidualUnit> = (layer, { graph, exportChild, nameOf }, input) => {
  const sum = graph.node('Add', [exportChild(layer.conv, 'conv', input), input], {}, nameOf('Add'));
  return exportChild(layer.relu, 'relu', sum);
};

/** `AttentionBlock` → `Add(Mul(conv_a(x), Sigmoid(conv_b(x))), x)`. */
export const exportAttentionBlock: OnnxExporter<AttentionBlock> = (layer, { graph, exportChild, nameOf }, input) => {
  const a = exportChild(layer.convA, 'conv_a', input);
  const gate = graph.node('Sigmoid', [exportChild(layer.convB, 'conv_b', input)], {}, nameOf('Sigmoid'));
  const attended = graph.node('Mul', [a, gate], {}, nameOf('Mul'));
  return graph.node('Add', [attended, input], {}, nameOf('Add'));
};
