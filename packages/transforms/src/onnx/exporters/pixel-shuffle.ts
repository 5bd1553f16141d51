import type { PixelShuffle } from '../../layers/pixel-shuffle.js';
import type { OnnxExporter } from '../export.js';
import { int, text } from '../graph-builder.js';

/** `PixelShuffle(r)` → ONNX `DepthToSpace` with `blocksize` r and mode `CRD` (PyTorch's order). */
export const exportPixelShuffle: OnnxExporter<PixelShuffle> = (layer, { graph, nameOf }, input) =>
  layer.upscaleFactor === 1
    ? input
    : graph.node(
        'DepthToSpace',
        [input],
        { blocksize: int(layer.upscaleFactor), mode: text('CRD') },
        nameOf('DepthToSpace'),
      );
