// The native engine's public face: load status, and native versions of training, counting and encoding
// that give exactly the TypeScript reference's results (see native/README.md).
export { nativeAvailable, nativeStatus, engineInUse, addonCandidates } from './load';
export type { Engine, NativeStatus } from './load';
export { trainBpeNative } from './train';
export { countCorpusNative, nativeCanCount, nativePresetOf } from './count';
export type { NativeCountOptions } from './count';
export { encodeIdsNative, encodeTokensNative, nativeEncoderFor } from './encode';
