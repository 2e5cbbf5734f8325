import type { InputFault } from '../../domain/shared/invalid-input.js';
import type { ReadModelUnavailable } from './kyc-read-model.js';

/**
 * A recorded event of a KycDocument, IdvSession or UserKyc stream that the read model cannot read: its
 * non-personal fields do not decode, its type is not one of its aggregate's, or it names another resource
 * than its stream. Projecting stops there (the batch is not committed) rather than guessing.
 */
export interface ReadModelEventUnreadable {
  readonly type: 'READ_MODEL_EVENT_UNREADABLE';
  readonly message: string;
  readonly streamName: string;
  readonly streamVersion: number;
  readonly eventType: string;
  /** Paths and rules only, never the values (they may be personal). */
  readonly faults: ReadonlyArray<InputFault>;
}

export type KycReadModelProjectionError = ReadModelEventUnreadable | ReadModelUnavailable;

export const readModelEventUnreadable = (
  event: { readonly streamName: string; readonly streamVersion: number; readonly type: string },
  faults: ReadonlyArray<InputFault>,
): ReadModelEventUnreadable => ({
  type: 'READ_MODEL_EVENT_UNREADABLE',
  message: `Event ${event.streamVersion} of stream ${event.streamName} (${event.type}) cannot be projected: ${faults
    .map((f) => `${f.path} (${f.rule})`)
    .join(', ')}`,
  streamName: event.streamName,
  streamVersion: event.streamVersion,
  eventType: event.type,
  faults,
});

export const readModelUnavailable = (message: string): ReadModelUnavailable => ({ type: 'READ_MODEL_UNAVAILABLE', message });
