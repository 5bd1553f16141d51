import type { ConvTranspose2d } from '../../layers/conv-transpose2d.js';
import type { OnnxExporter } from '../export.js';
import { int, ints } from '../graph-builder.js';

/**
 * `ConvTranspose2d` → ONNX `ConvTranspose` (same weight layout `[in, out, k, k]`, same output
 * size rule with `output_padding`). Initializers: `<prefix>.weight`, `<prefix>.bias`.
 */
export const exportConvTranspose2d: OnnxExporter<ConvTranspose2d> = (layer, { graph, nameOf }, input) => {
  const { kernelSize: k, stride: s, padding: p, outputPadding: op } = layer;
  const inputs = [input, graph.initializer(nameOf('weight'), layer.weight.data, layer.weight.shape)];
  if (layer.bias) inputs.push(graph.initializer(nameOf('bias'), layer.bias.data, layer.bias.shape));
  return graph.node(
    'ConvTranspose',
    inputs,
    {
      kernel_shape: ints([k, k]),
      strides: ints([s, s]),
      pads: ints([p, p, p, p]),
      output_padding: ints([op, op]),
      dilations: ints([1, 1]),
      group: int(1),
    },
    nameOf('ConvTranspose'),
  );
};
