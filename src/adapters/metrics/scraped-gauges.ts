import * as E from 'fp-ts/lib/Either.js';
import type { CheckpointStore } from '../../application/ports/checkpoint-store.js';
import type { Clock } from '../../application/ports/clock.js';
import type { EventStore } from '../../application/ports/event-store.js';
import { INBOX_ENTRY_STATUSES, type WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { KycMetrics } from './kyc-metrics.js';

/** Past this many events behind, the lag reads as this many: counting further would make every scrape read the backlog. */
export const PROJECTION_LAG_COUNT_CAP = 1_000;

export interface ScrapedSources {
  readonly inbox: WebhookInbox;
  readonly events: EventStore;
  readonly checkpoints: CheckpointStore<unknown>;
  readonly projection: string;
  readonly clock: Clock;
}

/**
 * The gauges read from the stores at each scrape: the inbox's depth and oldest pending entry, the read model's
 * lag. A source that cannot be read leaves its gauges out of that scrape and says so in kyc_metrics_source_up.
 */
interface Snapshot {
  readonly inbox: { readonly counts: Readonly<Record<string, number>>; readonly oldestPendingAt: string | undefined } | undefined;
  readonly behind: ReadonlyArray<{ readonly metadata: { readonly occurredAt: string } }> | undefined;
}

export const registerScrapedGauges = (metrics: KycMetrics, sources: ScrapedSources): void => {
  const read = async (): Promise<Snapshot> => {
    const [counts, oldest, checkpoint] = await Promise.all([
      sources.inbox.countByStatus()(),
      sources.inbox.list({ status: 'pending', limit: 1 })(),
      sources.checkpoints.read(sources.projection)(),
    ]);
    const events = E.isLeft(checkpoint)
      ? checkpoint
      : await sources.events.readAll({ ...(checkpoint.right === undefined ? {} : { after: checkpoint.right }), maxCount: PROJECTION_LAG_COUNT_CAP })();
    return {
      inbox: E.isRight(counts) && E.isRight(oldest) ? { counts: counts.right, oldestPendingAt: oldest.right[0]?.receivedAt } : undefined,
      behind: E.isRight(events) ? events.right : undefined,
    };
  };
  // prom-client collects every gauge at once: they share one read of the stores per scrape.
  let pending: Promise<Snapshot> | undefined;
  const snapshot = (): Promise<Snapshot> => (pending ??= read().finally(() => (pending = undefined)));
  const seconds = (iso: string): number => Math.max(0, (sources.clock.now().getTime() - Date.parse(iso)) / 1_000);
  const { projection } = sources;

  metrics.gauge('kyc_inbox_entries', 'Webhook inbox entries by state (pending, processed, ignored, parked)', ['state'], async (gauge) => {
    const { inbox } = await snapshot();
    if (inbox !== undefined) for (const state of INBOX_ENTRY_STATUSES) gauge.set({ state }, inbox.counts[state] ?? 0);
  });
  metrics.gauge('kyc_inbox_oldest_pending_age_seconds', 'Age of the oldest pending webhook inbox entry (0 when none is pending)', [], async (gauge) => {
    const { inbox } = await snapshot();
    if (inbox !== undefined) gauge.set(inbox.oldestPendingAt === undefined ? 0 : seconds(inbox.oldestPendingAt));
  });
  metrics.gauge('kyc_projection_lag_events', `Events in the log the read model has not applied yet (at most ${PROJECTION_LAG_COUNT_CAP})`, ['projection'], async (gauge) => {
    const { behind } = await snapshot();
    if (behind !== undefined) gauge.set({ projection }, behind.length);
  });
  metrics.gauge('kyc_projection_lag_seconds', 'Age of the oldest event the read model has not applied yet (0 when caught up)', ['projection'], async (gauge) => {
    const { behind } = await snapshot();
    if (behind === undefined) return;
    const oldest = behind[0];
    gauge.set({ projection }, oldest === undefined ? 0 : seconds(oldest.metadata.occurredAt));
  });
  metrics.gauge('kyc_metrics_source_up', 'Whether the store behind a group of gauges answered this scrape (1) or not (0): inbox, projection', ['source'], async (gauge) => {
    const { inbox, behind } = await snapshot();
    gauge.set({ source: 'inbox' }, inbox === undefined ? 0 : 1);
    gauge.set({ source: 'projection' }, behind === undefined ? 0 : 1);
  });
};
