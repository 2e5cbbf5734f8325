export { eventStoreUnavailable, describeCause, safeCause, type SafeCause } from './event-store-unavailable.js';
export { encodeBatch, firstUnstorableName, invalidEventForStore, isStorableName, prepareBatch, type EncodedEvent } from './stored-text-rules.js';
export { oneAtATime } from './one-at-a-time.js';
export { parseStoredJson } from './stored-json.js';
