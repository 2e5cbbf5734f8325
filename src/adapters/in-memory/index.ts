/** In-memory adapters of the storage ports, for tests and examples: nothing survives the process. */
export * from './event-store/index.js';
export * from './checkpoint-store/index.js';
export * from './personal-data-keys/index.js';
export * from './webhook-inbox/index.js';
