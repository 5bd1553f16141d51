import '@lico/backend-js';
import { describeConformance } from '@lico/core/conformance';

describeConformance('js');
