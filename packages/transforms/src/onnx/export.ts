import { invalidArgument, LicoError } from '@lico/core';
import type { Layer } from '../module/layer.js';
import { builtInExporters } from './exporters/index.js';
import { OnnxGraphBuilder } from './graph-builder.js';

/**
 * Adds a layer's computation to a graph: reads the tensor named `input`, returns the name of
 * the result. `prefix` is the layer's state-dict path (`g_a.0`), which exporters use to name
 * initializers (`g_a.0.weight`); {@link exportChild} exports a child under `prefix.name`.
 */
export type OnnxExporter<L extends Layer = Layer> = (layer: L, context: OnnxExportContext, input: string) => string;

/** What an {@link OnnxExporter} works with. */
export interface OnnxExportContext {
  readonly graph: OnnxGraphBuilder;
  /** The layer's dotted state-dict path (`''` for the root). */
  readonly prefix: string;
  /** `prefix.name`, or `name` at the root. */
  nameOf(name: string): string;
  /** Exports a child layer (registered under `name`) reading `input`. */
  exportChild(child: Layer, name: string, input: string): string;
}

const exporters = new Map<string, OnnxExporter>(builtInExporters);

/**
 * Registers how layers of a kind export to ONNX. Lico's layers are registered by this package;
 * packages with their own layers (architectures, RDONet units) register theirs. Registering a
 * kind twice throws `LICO_ALREADY_REGISTERED`.
 * @example
 * ```ts
 * import { registerOnnxExporter } from '@lico/transforms';
 * registerOnnxExporter('Tanh', (_layer, { graph }, input) => graph.node('Tanh', [input]));
 * ```
 */
export function registerOnnxExporter<L extends Layer>(kind: string, exporter: OnnxExporter<L>): void {
  if (exporters.has(kind))
    throw new LicoError('LICO_ALREADY_REGISTERED', `an ONNX exporter for '${kind}' is already registered`);
  exporters.set(kind, exporter as OnnxExporter);
}

/** Exports `layer` (and its children) reading `input` into `graph`. */
export function exportLayer(layer: Layer, graph: OnnxGraphBuilder, input: string, prefix = ''): string {
  const exporter = exporters.get(layer.kind);
  if (!exporter) {
    throw new LicoError(
      'LICO_KERNEL_MISSING',
      `no ONNX exporter for layers of kind '${layer.kind}'${prefix ? ` (at '${prefix}')` : ''}; register one with registerOnnxExporter('${layer.kind}', …)`,
    );
  }
  const nameOf = (name: string) => (prefix ? `${prefix}.${name}` : name);
  return exporter(
    layer,
    { graph, prefix, nameOf, exportChild: (child, name, from) => exportLayer(child, graph, from, nameOf(name)) },
    input,
  );
}

/** Options of {@link exportOnnx}. */
export interface ExportOnnxOptions {
  /** The graph's name (default: the layer's kind). */
  readonly name?: string;
  /** The input's channel count; default: the layer's own (symbolic for layers that take any, such as activations). */
  readonly inputChannels?: number;
}

/**
 * The ONNX model (an encoded `ModelProto`, opset 17, weights as initializers named after the
 * state dict) of a layer tree: input `x` `[N, C, H, W]`, output `y`, with symbolic batch,
 * height and width so one model serves every image size.
 * @example
 * ```ts
 * import { conv, exportOnnx, GDN, Sequential } from '@lico/transforms';
 * const bytes = exportOnnx(new Sequential(conv(3, 8), new GDN(8)));
 * console.log(bytes.length > 2400); // true: weights and all
 * ```
 */
export function exportOnnx(layer: Layer, options: ExportOnnxOptions = {}): Uint8Array {
  const channels = options.inputChannels ?? layer.inputChannels;
  if (channels !== undefined && (!Number.isInteger(channels) || channels < 1)) {
    invalidArgument('options.inputChannels', 'a positive integer', channels);
  }
  const side = 64 * layer.spatial.multiple;
  const outputChannels = channels === undefined ? undefined : layer.outputShape([1, channels, side, side])[1];
  const graph = new OnnxGraphBuilder();
  const input = graph.uniqueName('x');
  const result = exportLayer(layer, graph, input);
  return graph.toModel(input, channels, result, outputChannels, options.name ?? layer.kind);
}
