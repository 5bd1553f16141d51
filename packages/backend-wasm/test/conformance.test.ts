import '@lico/backend-js';
import '@lico/backend-wasm';
import { describeConformance } from '@lico/core/conformance';

// The float training kernels run on native (oneDNN) and js; training on wasm is not planned yet.
const training = 'training kernels run on the native and js backends only';

describeConformance('wasm', {
  skip: {
    Conv2d: training,
    Conv2dBackpropInput: training,
    Conv2dBackpropFilter: training,
    Gdn: training,
    GdnBackprop: training,
    Activation: training,
    ActivationBackprop: training,
    AdamUpdate: training,
  },
});
