// Native tests run whenever the addon is built, and in CI always (where a missing addon must fail them).
import { describe } from 'vitest';
import { nativeAvailable } from './load';

export const describeNative = describe.skipIf(!nativeAvailable() && !process.env.CI);
