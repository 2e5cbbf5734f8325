export { createInMemoryEventStore } from './in-memory-event-store.js';
