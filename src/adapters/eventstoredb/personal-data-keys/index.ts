export {
  createEventStoreDbPersonalDataKeyStore,
  ESDB_PENDING_SCRUB,
  type EventStoreDbKeyClient,
  type EventStoreDbPersonalDataKeyStoreOptions,
} from './eventstoredb-personal-data-key-store.js';
export { DEFAULT_KEY_STREAM_PREFIX } from './key-stream-events.js';
