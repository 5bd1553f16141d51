/**
 * Fills `data` uniformly from [−bound, bound] with values drawn from `random` (uniform in
 * [0, 1)), as PyTorch's `nn.init.uniform_`. Conv layers use bound = 1/√fan_in for weights and
 * biases: `kaiming_uniform_(a=√5)`, PyTorch's default for `Conv2d` and `ConvTranspose2d`.
 */
export function fillUniform(data: Float32Array, bound: number, random: () => number): void {
  for (let i = 0; i < data.length; i++) data[i] = (random() * 2 - 1) * bound;
}
