export { describeEventStoreConformance } from './describe-event-store-conformance.js';
export type { ConformanceOptions, EventStoreFactory, EventStoreUnderTest, Limitation } from './conformance-context.js';
export { AWKWARD_STRINGS, awkwardData, largeString } from './awkward-payloads.js';
export { anEvent, readAllUntil } from './conformance-helpers.js';
