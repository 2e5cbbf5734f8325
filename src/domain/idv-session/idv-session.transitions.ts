import type { TransitionTable } from '../shared/transition-table.js';
import type { IdvSessionCommandType } from './idv-session.commands.js';
import type { IdvSessionEventType } from './idv-session.events.js';
import type { IdvSessionLifecycle } from './idv-session.state.js';

const observed = (from: IdvSessionLifecycle, to: IdvSessionLifecycle, event: IdvSessionEventType) =>
  ({ from, to, command: 'ObserveIdvSession', event, by: 'mangopay' }) as const;

/**
 * Seed 000's session lifecycle, as data. PENDING → REVIEW | VALIDATED | REJECTED | TIMEOUT | ERROR;
 * REVIEW → VALIDATED | REJECTED | ERROR; VALIDATED → OUTDATED. REJECTED, TIMEOUT, ERROR and OUTDATED
 * are final: a retry is a new session.
 */
export const idvSessionTransitions: TransitionTable<IdvSessionLifecycle, IdvSessionCommandType, IdvSessionEventType> = [
  { from: 'NOT_STARTED', to: 'PENDING', command: 'StartIdvSession', event: 'IdvSessionStarted', by: 'platform' },
  { from: 'NOT_STARTED', to: 'PENDING', command: 'ImportIdvSession', event: 'IdvSessionStarted', by: 'mangopay' },
  observed('PENDING', 'REVIEW', 'IdvSessionSentToReview'),
  observed('PENDING', 'VALIDATED', 'IdvSessionValidated'),
  observed('PENDING', 'REJECTED', 'IdvSessionRejected'),
  observed('PENDING', 'TIMEOUT', 'IdvSessionTimedOut'),
  observed('PENDING', 'ERROR', 'IdvSessionErrored'),
  observed('REVIEW', 'VALIDATED', 'IdvSessionValidated'),
  observed('REVIEW', 'REJECTED', 'IdvSessionRejected'),
  observed('REVIEW', 'ERROR', 'IdvSessionErrored'),
  observed('VALIDATED', 'OUTDATED', 'IdvSessionOutdated'),
];

export const IDV_SESSION_LIFECYCLE: ReadonlyArray<IdvSessionLifecycle> = [
  'NOT_STARTED',
  'PENDING',
  'REVIEW',
  'VALIDATED',
  'REJECTED',
  'TIMEOUT',
  'ERROR',
  'OUTDATED',
];
