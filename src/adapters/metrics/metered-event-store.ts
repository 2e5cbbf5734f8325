import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../application/ports/event-store.js';
import type { KycMetrics } from './kyc-metrics.js';

/** Counts what the event log acknowledged: every event by type, the divergences, the anomalies the events carry. */
export const meteredEventStore = (store: EventStore, metrics: KycMetrics): EventStore => ({
  ...store,
  appendToStream: (streamName, expected, events) => {
    const append = store.appendToStream(streamName, expected, events);
    return async () => {
      const result = await append();
      if (E.isRight(result)) {
        for (const event of events) {
          metrics.eventsRecorded.inc({ type: event.type });
          // Divergence events are named so in every aggregate (KycDocumentStatusDiverged, IdvSessionStatusDiverged).
          if (event.type.endsWith('Diverged')) metrics.divergencesRecorded.inc({ type: event.type });
          const anomalies = event.data['anomalies'];
          if (Array.isArray(anomalies) && anomalies.length > 0) metrics.anomaliesRecorded.inc({ type: event.type }, anomalies.length);
        }
      }
      return result;
    };
  },
});
