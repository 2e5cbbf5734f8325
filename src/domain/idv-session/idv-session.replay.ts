import type { IdvSessionEvent } from './idv-session.events.js';
import { isStarted, type IdvSession, type IdvSessionState } from './idv-session.state.js';
import type { IdvSessionStatus } from './idv-session.vocabulary.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type StepEventType = Exclude<IdvSessionEvent['type'], 'IdvSessionStarted' | 'IdvSessionChecksObserved' | 'IdvSessionStatusDiverged'>;

/**
 * An IdvSession stream replayed without a new state per event (issue 18): `evolveIdvSession` builds each state
 * with an object spread, microseconds an event where changing a field costs nanoseconds. Here the session is
 * copied once, the first time the replay changes a state it did not allocate (the starting state, or one
 * `IdvSessionStarted` made through `evolveIdvSession`), and from then on its own copy's fields are set in place,
 * as `evolveIdvSession` would set them. Only the state this replay returns holds that copy, and it is not seen
 * before the replay returns. `IdvSessionStarted`, and any event before the session started, go through
 * `evolveIdvSession` itself (given, not imported, with the status each step leads to: the decider's module is
 * where they meet).
 */
export const idvSessionReplay =
  (evolveIdvSession: (state: IdvSessionState, event: IdvSessionEvent) => IdvSessionState, statusAfter: { readonly [K in StepEventType]: IdvSessionStatus }) =>
  (state: IdvSessionState, events: Iterable<IdvSessionEvent>): IdvSessionState => {
    let current = state;
    let own: Mutable<IdvSession> | undefined;
    for (const event of events) {
      if (event.type === 'IdvSessionStarted' || !isStarted(current)) {
        current = evolveIdvSession(current, event);
        continue;
      }
      if (current !== own) {
        own = { ...current };
        current = own;
      }
      switch (event.type) {
        case 'IdvSessionChecksObserved':
          own.checks = event.checks;
          own.anomalies = event.anomalies ?? [];
          break;
        case 'IdvSessionStatusDiverged':
          own.divergentStatus = event.observedStatus;
          break;
        default:
          own.status = statusAfter[event.type];
          if (event.checks !== undefined) {
            own.checks = event.checks;
            own.anomalies = event.anomalies ?? [];
          }
          own.divergentStatus = undefined;
      }
    }
    return current;
  };
