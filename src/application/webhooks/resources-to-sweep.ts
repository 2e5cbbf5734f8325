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

/**
 * A stream's status follows from its last status-changing event, and which events change the status (and
 * to what) is in the transition table: no events need decoding, and the rules are read from one place.
 */
interface StatusTracker {
  readonly prefix: string;
  readonly statusAfter: ReadonlyMap<string, string>;
  readonly final: ReadonlySet<string>;
  readonly latest: Map<string, string>;
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

const notFinal = (t: StatusTracker): ReadonlyArray<MangopayId> =>
  [...t.latest].flatMap(([id, status]) => (t.final.has(status) || !MangopayId.is(id) ? [] : [id]));

/**
 * Reads the whole log once, in global order, keeping the latest status of each document and session
 * stream and the id of each user stream. Linear in the log: a sweep is a rare safety net, not a hot path.
 */
export const findResourcesToSweep =
  (core: Pick<KycCoreDependencies, 'store' | 'documents' | 'sessions' | 'users'>, pageSize = 1000): TaskEither<ReadError, ResourcesToSweep> =>
  async () => {
    const documents = tracker(core.documents, kycDocumentTransitions, KYC_DOCUMENT_LIFECYCLE);
    const sessions = tracker(core.sessions, idvSessionTransitions, IDV_SESSION_LIFECYCLE);
    const userPrefix = streamNameOf(core.users, '');
    const users = new Set<string>();
    let after: GlobalPosition | undefined;
    for (;;) {
      const page = await core.store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize })();
      if (E.isLeft(page)) return page;
      for (const event of page.right) {
        if (event.streamName.startsWith(userPrefix)) {
          users.add(event.streamName.slice(userPrefix.length));
          continue;
        }
        for (const t of [documents, sessions]) {
          if (!event.streamName.startsWith(t.prefix)) continue;
          const status = t.statusAfter.get(event.type);
          if (status !== undefined) t.latest.set(event.streamName.slice(t.prefix.length), status);
        }
      }
      const last = page.right[page.right.length - 1];
      if (last === undefined) break;
      after = last.globalPosition;
    }
    return E.right({ documents: notFinal(documents), sessions: notFinal(sessions), users: [...users].filter((id) => MangopayId.is(id)) });
  };
