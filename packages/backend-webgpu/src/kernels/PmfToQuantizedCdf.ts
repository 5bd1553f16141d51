import { jsKernels } from '@lico/backend-js/base';
import { type KernelConfig, LicoError, PmfToQuantizedCdf } from '@lico/core';

const reference = jsKernels.find(
  (kernel): kernel is KernelConfig<typeof PmfToQuantizedCdf> => kernel.kernelName === PmfToQuantizedCdf,
);
if (!reference) throw new LicoError('LICO_INTERNAL', '@lico/backend-js has no PmfToQuantizedCdf kernel to reuse');

/**
 * The js reference's implementation, reused openly: building CDF tables is a short sequential
 * pass per table (a sort by remainder) that runs once per model update, so a GPU round trip
 * would cost more than it saves.
 */
export const pmfToQuantizedCdfKernel: KernelConfig<typeof PmfToQuantizedCdf> = {
  kernelName: PmfToQuantizedCdf,
  backendName: 'webgpu',
  run: reference.run,
};
