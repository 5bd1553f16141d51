import '@lico/backend-js';
import '@lico/backend-native';
import { describeConformance } from '@lico/core/conformance';

describeConformance('native');
