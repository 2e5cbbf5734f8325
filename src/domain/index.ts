export * from './shared/index.js';
export * from './kyc-document/index.js';
export * from './idv-session/index.js';
export * from './user-kyc/index.js';
