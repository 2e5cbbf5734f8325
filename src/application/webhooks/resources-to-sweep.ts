import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { IDV_SESSION_LIFECYCLE, idvSessionTransitions } from '../../domain/idv-session/index.js';
import { KYC_DOCUMENT_LIFECYCLE, kycDocumentTransitions } from '../../domain/kyc-document/index.js';
import { MangopayId } from '../../domain/shared/bounded-string.js';
import { finalStatuses, type TransitionTable } from '../../domain/shared/transition-table.js';
import { streamNameOf } from '../command-handling/aggregate.js';
import type { GlobalPosition, ReadError } from '../ports/event-store.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';

/** What the sweep polls: documents and sessions that can still change, and every user seen. */
export interface ResourcesToSweep {
  readonly documents: ReadonlyArray<MangopayId>;
  readonly sessions: ReadonlyArray<MangopayId>;
  readonly users: ReadonlyArray<MangopayId>;
}

/** A resource the sweep may poll, with when its stream last recorded something (epoch ms; NaN when unknown). */
export interface SweepCandidate {
  readonly id: MangopayId;
  readonly lastEventAt: number;
}

/** The same, with the time of each resource's last event: what the background sweep picks the oldest from. */
export interface SweepCandidates {
  readonly documents: ReadonlyArray<SweepCandidate>;
  readonly sessions: ReadonlyArray<SweepCandidate>;
  readonly users: ReadonlyArray<SweepCandidate>;
}

/**
 * A stream's status follows from its last status-changing event, and which events change the status (and
 * to what) is in the transition table: no events need decoding, and the rules are read from one place.
 */
interface StatusTracker {
  readonly prefix: string;
  readonly statusAfter: ReadonlyMap<string, string>;
  readonly final: ReadonlySet<string>;
  readonly latest: Map<string, { status: string | undefined; lastEventAt: number }>;
}

const tracker = <S extends string>(
  aggregate: { readonly name: string },
  table: TransitionTable<S, string, string>,
  lifecycle: ReadonlyArray<S>,
): StatusTracker => ({
  prefix: streamNameOf(aggregate, ''),
  statusAfter: new Map(table.filter((row) => row.from !== row.to).map((row) => [row.event, row.to] as const)),
  final: new Set<string>(finalStatuses(table, lifecycle)),
  latest: new Map(),
});

const open = (t: StatusTracker): ReadonlyArray<SweepCandidate> =>
  [...t.latest].flatMap(([id, seen]) =>
    seen.status === undefined || t.final.has(seen.status) || !MangopayId.is(id) ? [] : [{ id, lastEventAt: seen.lastEventAt }],
  );

export interface SweepIndex {
  /** Reads the events appended since the last call (the whole log the first time). */
  readonly catchUp: TaskEither<ReadError, void>;
  /** Documents and sessions not in a final status, and every user, as of the last catch-up. */
  readonly candidates: () => SweepCandidates;
}

/**
 * Follows the log in global order, keeping the latest status and last event time of each document and session
 * stream and the last event time of each user stream. Reads the whole log once, then only what was appended:
 * the background sweep keeps one for the life of the service.
 */
export const createSweepIndex = (core: Pick<KycCoreDependencies, 'store' | 'documents' | 'sessions' | 'users'>, pageSize = 1000): SweepIndex => {
  const documents = tracker(core.documents, kycDocumentTransitions, KYC_DOCUMENT_LIFECYCLE);
  const sessions = tracker(core.sessions, idvSessionTransitions, IDV_SESSION_LIFECYCLE);
  const userPrefix = streamNameOf(core.users, '');
  const users = new Map<string, { status: undefined; lastEventAt: number }>();
  let after: GlobalPosition | undefined;
  return {
    catchUp: async () => {
      for (;;) {
        const page = await core.store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize })();
        if (E.isLeft(page)) return page;
        for (const event of page.right) {
          const at = Date.parse(event.metadata.occurredAt);
          if (event.streamName.startsWith(userPrefix)) {
            users.set(event.streamName.slice(userPrefix.length), { status: undefined, lastEventAt: at });
            continue;
          }
          for (const t of [documents, sessions]) {
            if (!event.streamName.startsWith(t.prefix)) continue;
            const id = event.streamName.slice(t.prefix.length);
            const seen = t.latest.get(id) ?? { status: undefined, lastEventAt: at };
            t.latest.set(id, { status: t.statusAfter.get(event.type) ?? seen.status, lastEventAt: at });
          }
        }
        const last = page.right[page.right.length - 1];
        if (last === undefined) return E.right(undefined);
        after = last.globalPosition;
      }
    },
    candidates: () => ({
      documents: open(documents),
      sessions: open(sessions),
      users: [...users].flatMap(([id, seen]) => (MangopayId.is(id) ? [{ id, lastEventAt: seen.lastEventAt }] : [])),
    }),
  };
};

/** Reads the whole log once and answers what is to be polled now (`kyc reconcile`). */
export const findResourcesToSweep =
  (core: Pick<KycCoreDependencies, 'store' | 'documents' | 'sessions' | 'users'>, pageSize = 1000): TaskEither<ReadError, ResourcesToSweep> =>
  async () => {
    const index = createSweepIndex(core, pageSize);
    const read = await index.catchUp();
    if (E.isLeft(read)) return read;
    const { documents, sessions, users } = index.candidates();
    const ids = (candidates: ReadonlyArray<SweepCandidate>) => candidates.map((candidate) => candidate.id);
    return E.right({ documents: ids(documents), sessions: ids(sessions), users: ids(users) });
  };
