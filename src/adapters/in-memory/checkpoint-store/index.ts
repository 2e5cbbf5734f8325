export { createInMemoryCheckpointStore } from './in-memory-checkpoint-store.js';
