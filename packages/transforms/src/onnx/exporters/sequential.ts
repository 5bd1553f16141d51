import type { Sequential } from '../../layers/sequential.js';
import type { OnnxExporter } from '../export.js';

/** `Sequential` → its layers' graphs one after the other, children named `0`, `1`, …. */
export const exportSequential: OnnxExporter<Sequential> = (layer, { exportChild }, input) =>
  layer.layers.reduce((value, child, i) => exportChild(child, String(i), value), input);
