// Secret and sensitive-data detection for RB401 (and helpers for RB402-RB404).
export { detectSecrets, secretKinds, anchorPattern, anchorHits, kindPatterns, type SecretFinding } from './detect.js';
export { fingerprint, sha256Hex } from './hash.js';
export { isPlaceholder, entropy } from './lookalike.js';
export type { SecretKind, KindCategory } from './kinds.js';
export { DisjointRanges } from './intervals.js';
