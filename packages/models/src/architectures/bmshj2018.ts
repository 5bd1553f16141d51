import { conv, deconv, GDN, IGDN, ReLU, Sequential } from '@lico/transforms';
import { ArchitectureModules } from './modules.js';

/** Ballé et al. 2018's analysis: four 5×5 stride-2 convolutions with GDN between (÷16). */
export function bmshjAnalysis(N: number, M: number): Sequential {
  return new Sequential(conv(3, N), new GDN(N), conv(N, N), new GDN(N), conv(N, N), new GDN(N), conv(N, M));
}

/** Ballé et al. 2018's synthesis: four 5×5 stride-2 transposed convolutions with IGDN between (×16). */
export function bmshjSynthesis(N: number, M: number): Sequential {
  return new Sequential(deconv(M, N), new IGDN(N), deconv(N, N), new IGDN(N), deconv(N, N), new IGDN(N), deconv(N, 3));
}

/** `bmshj2018-factorized` (CompressAI's `FactorizedPrior`): y coded with the factorized prior. */
export function bmshj2018Factorized(N: number, M: number): ArchitectureModules {
  return new ArchitectureModules('bmshj2018-factorized', { gA: bmshjAnalysis(N, M), gS: bmshjSynthesis(N, M) });
}

/**
 * `bmshj2018-hyperprior` (CompressAI's `ScaleHyperprior`): z = h_a(|y|), and h_s gives y's
 * scales (a ReLU output), no means.
 */
export function bmshj2018Hyperprior(N: number, M: number): ArchitectureModules {
  return new ArchitectureModules('bmshj2018-hyperprior', {
    gA: bmshjAnalysis(N, M),
    gS: bmshjSynthesis(N, M),
    hA: new Sequential(conv(M, N, 3, 1), new ReLU(), conv(N, N), new ReLU(), conv(N, N)),
    hS: new Sequential(deconv(N, N), new ReLU(), deconv(N, N), new ReLU(), conv(N, M, 3, 1), new ReLU()),
  });
}
