import { conv2d, convTranspose2d } from '../ops/conv.js';
import { gdn, nonNegativeInit } from '../ops/gdn.js';
import { convSpecs, type ParameterSpec, type Parameters } from '../parameters.js';
import type { Variable } from '../variable.js';

/** GDN parameters under CompressAI's names, initialized as `GDN(channels)`: beta 1, gamma 0.1·I. */
export function gdnSpecs(prefix: string, channels: number): ParameterSpec[] {
  return [
    { name: `${prefix}.beta`, shape: [channels], init: (d) => d.fill(nonNegativeInit(1)) },
    {
      name: `${prefix}.gamma`,
      shape: [channels, channels],
      init: (d) => {
        for (let i = 0; i < channels; i++)
          for (let j = 0; j < channels; j++) d[i * channels + j] = nonNegativeInit(i === j ? 0.1 : 0);
      },
    },
  ];
}

/**
 * The parameters of Ballé et al.'s transforms (bmshj2018), shared by `bmshj2018-hyperprior` and
 * Lico's default model: g_a = conv(3,N,5,2) GDN conv(N,N) GDN conv(N,N) GDN conv(N,M), and g_s
 * its mirror with transposed convolutions and IGDN.
 */
export function bmshjTransformSpecs(N: number, M: number): ParameterSpec[] {
  const t = { transposed: true };
  return [
    ...convSpecs('g_a.0', 3, N, 5),
    ...gdnSpecs('g_a.1', N),
    ...convSpecs('g_a.2', N, N, 5),
    ...gdnSpecs('g_a.3', N),
    ...convSpecs('g_a.4', N, N, 5),
    ...gdnSpecs('g_a.5', N),
    ...convSpecs('g_a.6', N, M, 5),
    ...convSpecs('g_s.0', M, N, 5, t),
    ...gdnSpecs('g_s.1', N),
    ...convSpecs('g_s.2', N, N, 5, t),
    ...gdnSpecs('g_s.3', N),
    ...convSpecs('g_s.4', N, N, 5, t),
    ...gdnSpecs('g_s.5', N),
    ...convSpecs('g_s.6', N, 3, 5, t),
  ];
}

/** Layers by state-dict name over a model's {@link Parameters}: what the models' forwards are made of. */
export class NamedLayers {
  constructor(readonly parameters: Parameters) {}

  /** A convolution with 'same' padding for its kernel. */
  conv(name: string, x: Variable, stride: number): Variable {
    const weight = this.parameters.get(`${name}.weight`);
    const padding = Math.floor(weight.shape[2] / 2);
    return conv2d(x, weight, this.parameters.get(`${name}.bias`), { stride, padding });
  }

  /** CompressAI's `deconv`: 5×5, stride 2, doubling the size. */
  deconv(name: string, x: Variable): Variable {
    const weight = this.parameters.get(`${name}.weight`);
    return convTranspose2d(x, weight, this.parameters.get(`${name}.bias`), { stride: 2, padding: 2, outputPadding: 1 });
  }

  gdn(name: string, x: Variable, inverse: boolean): Variable {
    return gdn(x, this.parameters.get(`${name}.beta`), this.parameters.get(`${name}.gamma`), { inverse });
  }

  /** g_a: image `[N, 3, H, W]` to y `[N, M, H/16, W/16]`. */
  gA(x: Variable): Variable {
    let h = x;
    for (const k of [0, 2, 4]) h = this.gdn(`g_a.${k + 1}`, this.conv(`g_a.${k}`, h, 2), false);
    return this.conv('g_a.6', h, 2);
  }

  /** g_s: ŷ back to an image. */
  gS(yHat: Variable): Variable {
    let h = yHat;
    for (const k of [0, 2, 4]) h = this.gdn(`g_s.${k + 1}`, this.deconv(`g_s.${k}`, h), true);
    return this.deconv('g_s.6', h);
  }
}
