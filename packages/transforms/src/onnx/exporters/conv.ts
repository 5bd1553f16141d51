import type { Conv2d } from '../../layers/conv2d.js';
import type { OnnxExporter } from '../export.js';
import { int, ints } from '../graph-builder.js';

/**
 * `Conv2d` and `MaskedConv2d` → ONNX `Conv` (the masked one with its weight already masked).
 * Initializers: `<prefix>.weight` `[out, in, k, k]`, `<prefix>.bias` `[out]`.
 */
export const exportConv2d: OnnxExporter<Conv2d> = (layer, { graph, nameOf }, input) => {
  const { kernelSize: k, stride: s, padding: p } = layer;
  const inputs = [input, graph.initializer(nameOf('weight'), layer.effectiveWeight(), layer.weight.shape)];
  if (layer.bias) inputs.push(graph.initializer(nameOf('bias'), layer.bias.data, layer.bias.shape));
  return graph.node(
    'Conv',
    inputs,
    {
      kernel_shape: ints([k, k]),
      strides: ints([s, s]),
      pads: ints([p, p, p, p]),
      dilations: ints([1, 1]),
      group: int(1),
    },
    nameOf('Conv'),
  );
};
