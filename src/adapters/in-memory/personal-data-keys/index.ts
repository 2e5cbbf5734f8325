export { createInMemoryPersonalDataKeyStore } from './in-memory-personal-data-key-store.js';
