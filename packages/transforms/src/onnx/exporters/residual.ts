import type { ResidualBlock } from '../../layers/residual-block.js';
import type { ResidualBlockUpsample } from '../../layers/residual-block-upsample.js';
import type { ResidualBlockWithStride } from '../../layers/residual-block-with-stride.js';
import type { OnnxExporter } from '../export.js';

/** `ResidualBlock` → conv1, LeakyRelu, conv2, LeakyRelu, `Add` with the input (or its `skip`). */
export const exportResidualBlock: OnnxExporter<ResidualBlock> = (layer, { graph, exportChild, nameOf }, input) => {
  let main = exportChild(layer.conv1, 'conv1', input);
  main = exportChild(layer.leakyRelu, 'leaky_relu', main);
  main = exportChild(layer.conv2, 'conv2', main);
  main = exportChild(layer.leakyRelu, 'leaky_relu', main);
  const identity = layer.skip ? exportChild(layer.skip, 'skip', input) : input;
  return graph.node('Add', [main, identity], {}, nameOf('Add'));
};

/** `ResidualBlockWithStride` → conv1, LeakyRelu, conv2, GDN, `Add` with the input (or its `skip`). */
export const exportResidualBlockWithStride: OnnxExporter<ResidualBlockWithStride> = (
  layer,
  { graph, exportChild, nameOf },
  input,
) => {
  let main = exportChild(layer.conv1, 'conv1', input);
  main = exportChild(layer.leakyRelu, 'leaky_relu', main);
  main = exportChild(layer.conv2, 'conv2', main);
  main = exportChild(layer.gdn, 'gdn', main);
  const identity = layer.skip ? exportChild(layer.skip, 'skip', input) : input;
  return graph.node('Add', [main, identity], {}, nameOf('Add'));
};

/** `ResidualBlockUpsample` → subpel_conv, LeakyRelu, conv, IGDN, `Add` with `upsample` of the input. */
export const exportResidualBlockUpsample: OnnxExporter<ResidualBlockUpsample> = (
  layer,
  { graph, exportChild, nameOf },
  input,
) => {
  let main = exportChild(layer.subpelConv, 'subpel_conv', input);
  main = exportChild(layer.leakyRelu, 'leaky_relu', main);
  main = exportChild(layer.conv, 'conv', main);
  main = exportChild(layer.igdn, 'igdn', main);
  const identity = exportChild(layer.upsample, 'upsample', input);
  return graph.node('Add', [main, identity], {}, nameOf('Add'));
};
