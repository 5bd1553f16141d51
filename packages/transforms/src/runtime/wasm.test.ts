import { describeProvider } from '../../test/describe-provider.js';

describeProvider('wasm');
