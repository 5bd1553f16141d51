import { conv, deconv, LeakyReLU, Sequential } from '@lico/transforms';
import { bmshjAnalysis, bmshjSynthesis } from './bmshj2018.js';
import { ArchitectureModules } from './modules.js';

/** The mean-scale hyper-analysis of Minnen et al. 2018 (CompressAI's `MeanScaleHyperprior.h_a`), ÷4. */
export function meanScaleHyperAnalysis(N: number, M: number): Sequential {
  return new Sequential(conv(M, N, 3, 1), new LeakyReLU(), conv(N, N), new LeakyReLU(), conv(N, N));
}

/**
 * `mbt2018-mean` (CompressAI's `MeanScaleHyperprior`): h_s gives `[scales; means]` of y
 * (2M channels, linear output), ×4.
 */
export function mbt2018Mean(N: number, M: number): ArchitectureModules {
  const wide = Math.floor((M * 3) / 2);
  return new ArchitectureModules('mbt2018-mean', {
    gA: bmshjAnalysis(N, M),
    gS: bmshjSynthesis(N, M),
    hA: meanScaleHyperAnalysis(N, M),
    hS: new Sequential(deconv(N, M), new LeakyReLU(), deconv(M, wide), new LeakyReLU(), conv(wide, M * 2, 3, 1)),
  });
}
