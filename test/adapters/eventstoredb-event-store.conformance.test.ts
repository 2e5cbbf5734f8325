import * as E from 'fp-ts/lib/Either.js';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstoredb/event-store/index.js';
import { describeEventStoreConformance } from '../../src/testing/event-store-conformance/index.js';

const url = process.env['EVENTSTOREDB_URL'];
const NOT_RUN = 'EventStoreDB conformance NOT RUN: EVENTSTOREDB_URL is not set';

if (url === undefined || url === '') {
  console.warn(`\n*** ${NOT_RUN} (e.g. EVENTSTOREDB_URL=esdb://localhost:2113?tls=false) ***\n`);
  describe.skip(NOT_RUN, () => {
    it.skip('runs the EventStore conformance suite against an EventStoreDB server', () => undefined);
  });
} else {
  // One database for all checks: each check gets its own stream prefix, so it sees only its own streams.
  // The large-events check appends 2.5 MB in one batch: the node needs --max-append-size above it (default 1 MiB).
  describeEventStoreConformance(
    'EventStoreDB',
    async () => {
      const opened = await createEventStoreDbEventStore({ connectionString: url, streamPrefix: `conformance${randomUUID().replaceAll('-', '')}_` })();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      return { store: opened.right, teardown: async () => undefined };
    },
    {
      limitations: {
        'event-ids-checked-across-streams-and-content':
          'EventStoreDB keeps event ids unique only per stream position and takes a same-id replay as idempotent without comparing content',
      },
    },
  );
}
