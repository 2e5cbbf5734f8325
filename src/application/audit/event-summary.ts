import type { IdvCheck, IdvSessionEvent } from '../../domain/idv-session/index.js';
import type { KycDocumentEvent } from '../../domain/kyc-document/index.js';
import type { Anomaly } from '../../domain/shared/anomaly.js';
import { isErased } from '../../domain/shared/personal-data.js';
import { isUnrecognized, type Recognized } from '../../domain/shared/recognized.js';
import type { UserKycEvent, UserProfile } from '../../domain/user-kyc/index.js';
import type { PersonalDataView } from './personal-data-view.js';

export type AuditedEvent = KycDocumentEvent | IdvSessionEvent | UserKycEvent;

const word = (value: Recognized<string>): string => (isUnrecognized(value) ? `${value.unrecognized} (unrecognized)` : value);

const isoDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** Whether a check's personal values (data points, reasons' comments) are gone: shown, so an auditor knows why they are missing. */
const erasedMark = (check: IdvCheck): string =>
  check.dataPoints.some((d) => isErased(d.value)) || (check.reasons ?? []).some((r) => isErased(r.value)) ? ', values erased' : '';

/** Every reason type of a check, in Mangopay's order (comments are personal data: never shown). */
const reasonsSummary = (check: IdvCheck): string =>
  check.reasons === undefined || check.reasons.length === 0 ? '' : ` (${check.reasons.map((r) => (r.type === undefined ? 'no reason type' : word(r.type))).join(', ')})`;

/** Checks are shown by type, status, reasons and how many data points: data point values are personal data and never shown. */
const checksSummary = (checks: ReadonlyArray<IdvCheck> | undefined): string =>
  checks === undefined || checks.length === 0
    ? ''
    : `; checks: ${checks
        .map(
          (c) =>
            `${word(c.type)} ${c.status === undefined ? 'no CheckStatus' : word(c.status)}${reasonsSummary(c)} [${c.dataPoints.length} data points${erasedMark(c)}]`,
        )
        .join(', ')}`;

/** Where Mangopay's outcome breaks a seed's rule: named by path and rule (never a value), so an auditor sees it was recorded anyway. */
const profileSummary = (user: UserProfile): string =>
  `${user.personType}${user.personType === 'LEGAL' ? ` ${word(user.legalPersonType)}` : ''} ${word(user.userCategory)}`;

const anomaliesSummary = (anomalies: ReadonlyArray<Anomaly> | undefined): string =>
  anomalies === undefined || anomalies.length === 0
    ? ''
    : `; ANOMALY (breaks the seed's rules, recorded as Mangopay decided): ${anomalies.map((a) => `${a.path} (${a.rule})`).join(', ')}`;

/** The refusal message is personal: quoted while it exists (to a reader shown personal data), marked once it is erased. */
const refusalMessage = (message: unknown, view: PersonalDataView): string =>
  message === undefined ? '' : isErased(message) ? ' — message erased' : view === 'masked' ? ' — message masked (personal data)' : ` — "${String(message)}"`;

/** One line an auditor can read, for every event of every aggregate; personal values as `view` shows them. */
export const summarizeEvent = (event: AuditedEvent, view: PersonalDataView = 'shown'): string => {
  switch (event.type) {
    case 'KycDocumentCreated':
      return `document ${event.documentId} created: ${event.documentType} for user ${event.userId}${event.tag === undefined ? '' : ` (tag "${event.tag}")`}`;
    case 'KycPageAdded':
      return `page ${event.pageNumber} added: ${event.format}, ${event.sizeBytes} bytes, sha256 ${event.sha256.slice(0, 16)}…`;
    case 'KycDocumentSubmitted':
      return 'submitted: VALIDATION_ASKED';
    case 'KycDocumentValidated':
      return 'VALIDATED by Mangopay';
    case 'KycDocumentRefused':
      return `REFUSED by Mangopay: ${event.refusedReasonType === undefined ? 'no reason type' : word(event.refusedReasonType)}${refusalMessage(event.refusedReasonMessage, view)}${event.flags === undefined ? '' : `; flags ${event.flags.join(', ')}`}${anomaliesSummary(event.anomalies)}`;
    case 'KycDocumentOutOfDate':
      return 'OUT_OF_DATE';
    case 'KycDocumentFlagsChanged':
      return `flags now ${event.flags.length === 0 ? 'none' : event.flags.join(', ')} (status unchanged)`;
    case 'KycDocumentStatusDiverged':
      return `DIVERGENCE: Mangopay says ${word(event.observedStatus)}, the core holds ${event.localStatus} (state kept)`;
    case 'IdvSessionStarted':
      return `IDV session ${event.sessionId} started for ${event.personType}${event.legalPersonType === undefined ? '' : ` ${word(event.legalPersonType)}`} user ${event.userId}; PENDING${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionSentToReview':
      return `REVIEW by Mangopay${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionValidated':
      return `VALIDATED${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionRejected':
      return `REJECTED${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionTimedOut':
      return `TIMEOUT${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionErrored':
      return `ERROR${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionOutdated':
      return `OUTDATED${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionChecksObserved':
      return `checks observed${checksSummary(event.checks)}${anomaliesSummary(event.anomalies)}`;
    case 'IdvSessionStatusDiverged':
      return `DIVERGENCE: Mangopay says ${word(event.observedStatus)}, the core holds ${event.localStatus} (state kept)`;
    case 'UserRegistered':
      return `user ${event.userId} seen: ${profileSummary(event.user)}, KYC ${event.kycLevel}${anomaliesSummary(event.anomalies)}`;
    case 'UserProfileChanged':
      return `profile changed: ${profileSummary(event.user)}${anomaliesSummary(event.anomalies)}`;
    case 'UserKycLevelChanged':
      return `KYC level ${event.from} → ${event.to}`;
    case 'UserKycLevelUnrecognized':
      return `KYC level ${event.observed.unrecognized} (unrecognized; level kept)`;
    case 'UserKycDocumentValidated':
      return `${event.documentType} ${event.documentId} counts towards REGULAR`;
    case 'UserKycDocumentExpired':
      return `${event.documentType} ${event.documentId} no longer counts (out of date)`;
    case 'UserIdvSessionValidated':
      return `IDV session ${event.sessionId} counts towards REGULAR`;
    case 'UserIdvSessionExpired':
      return `IDV session ${event.sessionId} no longer counts (outdated)`;
    case 'UboDeclarationObserved': {
      const { declaration: d } = event;
      return `UBO declaration ${d.declarationId} ${word(d.status)} at Mangopay${d.reason === undefined ? '' : ` (reason ${word(d.reason)})`}, ${d.uboCount} UBO${d.uboCount === 1 ? '' : 's'} declared${
        d.processedDate === undefined ? '' : `, processed ${isoDate(d.processedDate)}`
      }${d.status === 'VALIDATED' ? '; counts towards REGULAR' : ''}${anomaliesSummary(event.anomalies)}`;
    }
    case 'PersonalDataErased':
      return `PERSONAL DATA ERASED${event.forced ? ' (FORCED, before the end of retention)' : ''} by ${event.erasedBy}: "${event.reason}"; ${
        event.lastActivityAt === undefined || event.retentionEndsAt === undefined
          ? 'no earlier activity recorded'
          : `last activity ${isoDate(event.lastActivityAt)}, retention (${event.retentionYears} years) until ${isoDate(event.retentionEndsAt)}`
      }; the user's key is destroyed, personal fields read as erased`;
  }
};

/** Whether the step came from the platform, from Mangopay, or was inferred from a later observation. */
export const sourceOf = (event: AuditedEvent): string => ('source' in event ? event.source : '');
