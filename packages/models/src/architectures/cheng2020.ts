import {
  AttentionBlock,
  Conv2d,
  conv3x3,
  LeakyReLU,
  MaskedConv2d,
  ResidualBlock,
  ResidualBlockUpsample,
  ResidualBlockWithStride,
  Sequential,
  subpelConv3x3,
} from '@lico/transforms';
import { ArchitectureModules } from './modules.js';

/** The parts `cheng2020-anchor` and `cheng2020-attn` share: h_a, h_s, the context and the parameter network. */
function entropyParts(N: number) {
  const wide = Math.floor((N * 3) / 2);
  return {
    hA: new Sequential(
      conv3x3(N, N),
      new LeakyReLU(),
      conv3x3(N, N),
      new LeakyReLU(),
      conv3x3(N, N, 2),
      new LeakyReLU(),
      conv3x3(N, N),
      new LeakyReLU(),
      conv3x3(N, N, 2),
    ),
    hS: new Sequential(
      conv3x3(N, N),
      new LeakyReLU(),
      subpelConv3x3(N, N, 2),
      new LeakyReLU(),
      conv3x3(N, wide),
      new LeakyReLU(),
      subpelConv3x3(wide, wide, 2),
      new LeakyReLU(),
      conv3x3(wide, N * 2),
    ),
    entropyParameters: new Sequential(
      new Conv2d(N * 4, Math.floor((N * 10) / 3), 1),
      new LeakyReLU(),
      new Conv2d(Math.floor((N * 10) / 3), Math.floor((N * 8) / 3), 1),
      new LeakyReLU(),
      new Conv2d(Math.floor((N * 8) / 3), N * 2, 1),
    ),
    contextPrediction: new MaskedConv2d(N, 2 * N, 5, { padding: 2, maskType: 'A' }),
  };
}

/**
 * `cheng2020-anchor` (CompressAI's `Cheng2020Anchor`): residual analysis and synthesis with
 * sub-pixel upsampling, the mean-scale hyperprior and the masked 5×5 autoregressive context,
 * one Gaussian per latent (CompressAI's variant of Cheng et al. 2020). M = N.
 */
export function cheng2020Anchor(N: number): ArchitectureModules {
  return new ArchitectureModules('cheng2020-anchor', {
    gA: new Sequential(
      new ResidualBlockWithStride(3, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockWithStride(N, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockWithStride(N, N, 2),
      new ResidualBlock(N, N),
      conv3x3(N, N, 2),
    ),
    gS: new Sequential(
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new ResidualBlock(N, N),
      subpelConv3x3(N, 3, 2),
    ),
    ...entropyParts(N),
  });
}

/** `cheng2020-attn` (CompressAI's `Cheng2020Attention`): `cheng2020-anchor` with simplified attention blocks. */
export function cheng2020Attention(N: number): ArchitectureModules {
  return new ArchitectureModules('cheng2020-attn', {
    gA: new Sequential(
      new ResidualBlockWithStride(3, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockWithStride(N, N, 2),
      new AttentionBlock(N),
      new ResidualBlock(N, N),
      new ResidualBlockWithStride(N, N, 2),
      new ResidualBlock(N, N),
      conv3x3(N, N, 2),
      new AttentionBlock(N),
    ),
    gS: new Sequential(
      new AttentionBlock(N),
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new AttentionBlock(N),
      new ResidualBlock(N, N),
      new ResidualBlockUpsample(N, N, 2),
      new ResidualBlock(N, N),
      subpelConv3x3(N, 3, 2),
    ),
    ...entropyParts(N),
  });
}
