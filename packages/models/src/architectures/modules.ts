import { type Layer, type MaskedConv2d, Module, type Sequential } from '@lico/transforms';

/** The parts of an architecture, by role (CompressAI's module names in comments). */
export interface ArchitectureParts {
  /** `g_a`: the analysis transform, image → y. */
  readonly gA: Sequential;
  /** `g_s`: the synthesis transform, ŷ → image. */
  readonly gS: Sequential;
  /** `h_a`: the hyper-analysis, y → z (float, encoder only). */
  readonly hA?: Sequential;
  /** `h_s`: the hyper-synthesis, ẑ → parameters or hyper features (run as an integer network). */
  readonly hS?: Sequential;
  /** `entropy_parameters`: [hyper features; context features] → parameters (integer network). */
  readonly entropyParameters?: Sequential;
  /** `context_prediction`: the masked context convolution over ŷ (integer network). */
  readonly contextPrediction?: MaskedConv2d;
}

/**
 * The float module tree of one architecture, named as CompressAI names its modules, so that
 * `stateDict()` lists `g_a.0.weight`, `h_s.2.bias`, `context_prediction.weight`… exactly as a
 * CompressAI checkpoint does (the entropy bottleneck, which is not a layer, is kept beside it).
 */
export class ArchitectureModules extends Module implements ArchitectureParts {
  readonly gA: Sequential;
  readonly gS: Sequential;
  readonly hA?: Sequential;
  readonly hS?: Sequential;
  readonly entropyParameters?: Sequential;
  readonly contextPrediction?: MaskedConv2d;

  constructor(
    readonly kind: string,
    parts: ArchitectureParts,
  ) {
    super();
    const register = <L extends Layer>(name: string, layer: L | undefined) => layer && this.registerModule(name, layer);
    this.gA = this.registerModule('g_a', parts.gA);
    this.gS = this.registerModule('g_s', parts.gS);
    this.hA = register('h_a', parts.hA);
    this.hS = register('h_s', parts.hS);
    this.entropyParameters = register('entropy_parameters', parts.entropyParameters);
    this.contextPrediction = register('context_prediction', parts.contextPrediction);
  }
}
