import { Conv2d, conv, deconv, MaskedConv2d, ReLU, Sequential } from '@lico/transforms';
import { bmshjAnalysis, bmshjSynthesis } from './bmshj2018.js';
import { meanScaleHyperAnalysis } from './mbt2018.js';
import { ArchitectureModules } from './modules.js';

/**
 * `lico-checkerboard-gmm`, Lico's default model, built for speed: bmshj2018's transforms
 * (four 5×5 convolutions with GDN, the cheapest of the family to run), mbt2018's
 * hyper-analysis, a hyper-synthesis to 2M ReLU hyper features, the checkerboard context
 * (He et al. 2021: a 5×5 convolution over the decoded anchors, two parallel passes instead of
 * a raster scan) and a 1×1 parameter network to a K = 3 Gaussian mixture (Cheng et al. 2020):
 * `[means ×3; scales ×3; logits ×3]`, each block M channels.
 */
export function licoCheckerboardGmm(N: number, M: number): ArchitectureModules {
  const wide = Math.floor((M * 3) / 2);
  return new ArchitectureModules('lico-checkerboard-gmm', {
    gA: bmshjAnalysis(N, M),
    gS: bmshjSynthesis(N, M),
    hA: meanScaleHyperAnalysis(N, M),
    hS: new Sequential(deconv(N, M), new ReLU(), deconv(M, wide), new ReLU(), conv(wide, 2 * M, 3, 1), new ReLU()),
    entropyParameters: new Sequential(
      new Conv2d(4 * M, Math.floor((10 * M) / 3), 1),
      new ReLU(),
      new Conv2d(Math.floor((10 * M) / 3), Math.floor((8 * M) / 3), 1),
      new ReLU(),
      new Conv2d(Math.floor((8 * M) / 3), 9 * M, 1),
    ),
    contextPrediction: new MaskedConv2d(M, 2 * M, 5, { padding: 2, maskType: 'checkerboard' }),
  });
}
