import type { GDN } from '../../layers/gdn.js';
import type { OnnxExporter } from '../export.js';
import { ints } from '../graph-builder.js';

/**
 * `GDN` / IGDN → `Mul(x, x)`, a 1×1 `Conv` with the effective γ `[C, C, 1, 1]` and β as bias
 * (initializers `<prefix>.gamma_effective`, `<prefix>.beta_effective`: the reparametrization
 * is applied at export), `Sqrt`, then `Div(x, ·)` for GDN or `Mul(x, ·)` for IGDN.
 */
export const exportGdn: OnnxExporter<GDN> = (layer, { graph, nameOf }, input) => {
  const c = layer.channels;
  const gamma = graph.initializer(nameOf('gamma_effective'), layer.effectiveGamma(), [c, c, 1, 1]);
  const beta = graph.initializer(nameOf('beta_effective'), layer.effectiveBeta(), [c]);
  const squared = graph.node('Mul', [input, input], {}, nameOf('Square'));
  const norm = graph.node('Conv', [squared, gamma, beta], { kernel_shape: ints([1, 1]) }, nameOf('Norm'));
  const root = graph.node('Sqrt', [norm], {}, nameOf('Sqrt'));
  return graph.node(layer.inverse ? 'Mul' : 'Div', [input, root], {}, nameOf(layer.inverse ? 'IGDN' : 'GDN'));
};
