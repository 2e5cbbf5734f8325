export { createInMemoryEventStore } from './in-memory-event-store.js';
export { createInMemoryCheckpointStore } from './in-memory-checkpoint-store.js';
