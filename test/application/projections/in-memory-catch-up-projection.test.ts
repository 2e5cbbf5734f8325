import { createInMemoryCheckpointStore, createInMemoryEventStore } from '../../../src/adapters/in-memory/index.js';
import { inMemoryEventsPerStreamType } from '../../support/example-projections/in-memory-events-per-stream-type.js';
import { describeProjectionScenario } from '../../support/projection-scenario.js';

describeProjectionScenario('in memory (idempotent projection, no shared transaction)', async () => {
  const events = createInMemoryEventStore();
  // Memory does not survive a real restart: here a "restart" keeps the same checkpoints and read model.
  const checkpoints = createInMemoryCheckpointStore();
  const readModel = inMemoryEventsPerStreamType();
  return { events, restart: async () => ({ checkpoints, readModel }), transactional: false, teardown: () => events.close() };
});
