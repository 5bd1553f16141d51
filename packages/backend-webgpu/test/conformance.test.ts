import '@lico/backend-js';
import '@lico/backend-webgpu';
import { describeConformance } from '@lico/core/conformance';

describeConformance('webgpu');
