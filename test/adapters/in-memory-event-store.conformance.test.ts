import { createInMemoryEventStore } from '../../src/adapters/in-memory/event-store/index.js';
import { describeEventStoreConformance } from '../../src/testing/event-store-conformance/index.js';

describeEventStoreConformance('in-memory', async () => ({ store: createInMemoryEventStore(), teardown: async () => undefined }));
