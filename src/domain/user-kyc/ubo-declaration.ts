import * as t from 'io-ts';
import type { Anomaly } from '../shared/anomaly.js';
import { MangopayId } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { isUnrecognized, recognized, type Recognized } from '../shared/recognized.js';
import { UnixTimestamp } from '../shared/unix-timestamp.js';
import { UBO_DECLARATION_STEPS, UboDeclarationReason, UboDeclarationStatus } from './ubo-declaration.vocabulary.js';
import { knownUserProfile, type UserProfile } from '../shared/user-profile.js';

/** At most 15 UBOs in a declaration ("How to submit a UBO Declaration"). */
export const MAX_UBOS = 15;
/** How many UBOs a declaration lists (Mangopay allows 1 to 15; a count outside is kept, with an anomaly): a whole number, 0 to 10,000. */
export const UboCount = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 10_000, 'UboCount');

/**
 * A UBO declaration as the core records it: its status, why it was refused or found incomplete, its dates and how
 * many UBOs it declares. No UBO's name, birth or address, and not Mangopay's free-text Message: none is needed to
 * know what is missing for REGULAR, so no personal data is kept.
 */
export const UboDeclarationRecord = struct(
  'UboDeclarationRecord',
  {
    declarationId: MangopayId,
    status: recognized(UboDeclarationStatus),
    creationDate: UnixTimestamp,
    uboCount: UboCount,
  },
  { reason: recognized(UboDeclarationReason), processedDate: UnixTimestamp },
);
export type UboDeclarationRecord = t.TypeOf<typeof UboDeclarationRecord>;

/**
 * Who Mangopay asks a UBO declaration of: legal users of type BUSINESS or PARTNERSHIP ("A declaration of beneficial
 * ownership is always required to verify legal users of the types Business, Partnership. The declaration is not
 * required for other types of legal users (nor for natural users)",
 * https://docs.mangopay.com/guides/users/verification/beneficial-owners). ORGANIZATION and SOLETRADER need none.
 */
export const UBO_DECLARATION_LEGAL_PERSON_TYPES = ['BUSINESS', 'PARTNERSHIP'] as const;

export const requiresUboDeclaration = (user: UserProfile): boolean =>
  user.personType === 'LEGAL' && !isUnrecognized(user.legalPersonType) && (UBO_DECLARATION_LEGAL_PERSON_TYPES as ReadonlyArray<string>).includes(user.legalPersonType);

/** Whether `to` is `from` or follows from it by documented steps (a hook missed in between is no anomaly). */
const reachable = (from: UboDeclarationStatus, to: UboDeclarationStatus): boolean => {
  const seen = new Set<UboDeclarationStatus>([from]);
  const queue: UboDeclarationStatus[] = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const [stepFrom, stepTo] of UBO_DECLARATION_STEPS) {
      if (stepFrom === next && !seen.has(stepTo)) {
        seen.add(stepTo);
        queue.push(stepTo);
      }
    }
  }
  return seen.has(to);
};

/**
 * Where an observed declaration breaks Mangopay's documented rules (path and rule, never a value). Recorded all the
 * same: Mangopay decides. No date orders two views of one declaration (the object has no LastUpdate), so a status no
 * documented step reaches from the one recorded is flagged, not dropped.
 */
export const uboDeclarationAnomalies = (
  user: UserProfile,
  previous: UboDeclarationRecord | undefined,
  observed: UboDeclarationRecord,
): ReadonlyArray<Anomaly> => {
  const anomalies: Anomaly[] = [];
  const status: Recognized<UboDeclarationStatus> = observed.status;
  if (isUnrecognized(status)) anomalies.push({ path: 'status', rule: 'KnownUboDeclarationStatus' });
  if (observed.reason !== undefined && isUnrecognized(observed.reason)) anomalies.push({ path: 'reason', rule: 'KnownUboDeclarationReason' });
  if ((status === 'REFUSED' || status === 'INCOMPLETE') && observed.reason === undefined) anomalies.push({ path: 'reason', rule: 'ReasonOfRefusalOrIncompletion' });
  const from = previous === undefined ? 'CREATED' : previous.status;
  if (!isUnrecognized(status) && !isUnrecognized(from) && !reachable(from, status)) anomalies.push({ path: 'status', rule: 'DocumentedUboDeclarationStep' });
  const submitted = status === 'VALIDATION_ASKED' || status === 'VALIDATED';
  if (observed.uboCount > MAX_UBOS || (submitted && observed.uboCount === 0)) anomalies.push({ path: 'uboCount', rule: 'OneToFifteenUbos' });
  // A user of a type the seeds do not know is not judged: whether it needs a declaration is not known.
  if (knownUserProfile(user) !== undefined && !requiresUboDeclaration(user)) anomalies.push({ path: 'declarationId', rule: 'UboDeclarationOfBusinessOrPartnership' });
  return anomalies;
};
