import { checkPmfToQuantizedCdfInputs, type KernelConfig, PmfToQuantizedCdf } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const pmfToQuantizedCdfKernel: KernelConfig<typeof PmfToQuantizedCdf> = {
  kernelName: PmfToQuantizedCdf,
  backendName: 'native',
  run(inputs, attrs, backend) {
    checkPmfToQuantizedCdfInputs(inputs, attrs);
    return (backend as NativeBackend).addon.lico_PmfToQuantizedCdf(inputs.pmf, inputs.starts, attrs.precision);
  },
};
