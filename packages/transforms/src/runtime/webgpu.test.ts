import '@lico/backend-webgpu';
import { describeProvider } from '../../test/describe-provider.js';

describeProvider('webgpu');
