import * as E from 'fp-ts/lib/Either.js';
import { streamNameOf, type Aggregate } from '../command-handling/aggregate.js';
import type { Handled } from '../command-handling/command-handler.js';
import { loadAggregate } from '../command-handling/load-aggregate.js';
import type { KycCoreDependencies } from './kyc-core-dependencies.js';

/**
 * Mangopay announces what it creates (KYC_CREATED, an IDV session's first hook), and that hook may be reconciled
 * before the platform's own command records the resource: the command then meets "already created". When the
 * stream holds the very resource this request created at Mangopay, that is this request's outcome, not a conflict
 * (answering 409 would send the platform retrying forever for a resource that exists).
 */
export const recordedByItsHook =
  <Command, Event extends { readonly type: string }, State, DomainError>(
    deps: Pick<KycCoreDependencies, 'store' | 'vault'>,
    aggregate: Aggregate<Command, Event, State, DomainError>,
    aggregateId: string,
    alreadyCreated: string,
    isThisResource: (state: State) => boolean,
  ) =>
  async <Err extends { readonly type: string }>(handled: E.Either<Err, Handled<Event, State>>): Promise<E.Either<Err, Handled<Event, State>>> => {
    if (E.isRight(handled) || handled.left.type !== alreadyCreated) return handled;
    const loaded = await loadAggregate(deps.store, aggregate, streamNameOf(aggregate, aggregateId), deps.vault)();
    if (E.isLeft(loaded) || !isThisResource(loaded.right.state)) return handled;
    return E.right({ events: [], state: loaded.right.state, streamVersion: loaded.right.streamVersion, replayed: false });
  };
