import '@lico/backend-js';
import '@lico/backend-wasm';
import { describeConformance } from '@lico/core/conformance';

describeConformance('wasm');
