import type { SeededRandom } from './seeded-random.js';

/**
 * What the chaos scenario does, drawn from a seed before anything runs, so that a seed names a scenario:
 * users of every kind, their documents and IDV sessions, and where Mangopay takes each one. Outcomes are dealt
 * in turn (from a random start) so that every outcome occurs in every run, whatever the seed.
 */
export type UserKind = 'NATURAL' | 'BUSINESS' | 'SOLETRADER' | 'ORGANIZATION' | 'PARTNERSHIP';

/** Where Mangopay leaves a document (each reachable by documented steps). */
export const DOCUMENT_OUTCOMES = ['VALIDATED', 'REFUSED', 'OUT_OF_DATE_AFTER_VALIDATED', 'VALIDATION_ASKED', 'CREATED', 'OUT_OF_DATE_AFTER_SUBMISSION'] as const;
export type DocumentOutcome = (typeof DOCUMENT_OUTCOMES)[number];

/** Every status the simulator can give a session, by the steps that lead there (REVIEW for legal users only). */
export const SESSION_OUTCOMES = ['VALIDATED', 'REFUSED', 'EXPIRED', 'ERROR', 'OUT_OF_DATE', 'PENDING', 'REVIEW', 'REVIEW_VALIDATED', 'REVIEW_REFUSED', 'REVIEW_ERROR'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];
const NATURAL_SESSION_OUTCOMES = SESSION_OUTCOMES.filter((outcome) => !outcome.startsWith('REVIEW'));

export const DOCUMENT_REFUSED_REASONS = [
  'DOCUMENT_UNREADABLE',
  'DOCUMENT_NOT_ACCEPTED',
  'DOCUMENT_HAS_EXPIRED',
  'DOCUMENT_INCOMPLETE',
  'DOCUMENT_MISSING',
  'DOCUMENT_DO_NOT_MATCH_USER_DATA',
  'DOCUMENT_DO_NOT_MATCH_ACCOUNT_DATA',
  'DOCUMENT_FALSIFIED',
  'UNDERAGE_PERSON',
  'SPECIFIC_CASE',
] as const;

export interface DocumentPlan {
  readonly kind: 'document';
  readonly type: string;
  readonly tag: string | undefined;
  /** A Tag given again at submission, replacing the first. */
  readonly submitTag: string | undefined;
  readonly outcome: DocumentOutcome;
  readonly refusal: { readonly refusedReasonType: string; readonly refusedReasonMessage?: string; readonly flags?: ReadonlyArray<string> };
}

export interface SessionPlan {
  readonly kind: 'session';
  readonly tag: string | undefined;
  readonly outcome: SessionOutcome;
  /** The person finishes it on the hosted page rather than Mangopay's team through the control API. */
  readonly onHostedPage: boolean;
  /** Checks refused, one reason each, when the outcome refuses. */
  readonly refusals: Readonly<Record<string, { readonly reason: string; readonly description?: string }>>;
}

export interface UserPlan {
  readonly index: number;
  readonly kind: UserKind;
  /** In the order they are done; documents and sessions interleaved. */
  readonly steps: ReadonlyArray<DocumentPlan | SessionPlan>;
}

const KINDS: ReadonlyArray<UserKind> = ['NATURAL', 'BUSINESS', 'NATURAL', 'SOLETRADER', 'NATURAL', 'BUSINESS', 'ORGANIZATION', 'NATURAL', 'SOLETRADER', 'PARTNERSHIP'];

const DOCUMENT_TYPES: Readonly<Record<UserKind, ReadonlyArray<string>>> = {
  NATURAL: ['IDENTITY_PROOF', 'IDENTITY_PROOF', 'ADDRESS_PROOF'],
  SOLETRADER: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ADDRESS_PROOF'],
  BUSINESS: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION', 'SHAREHOLDER_DECLARATION'],
  ORGANIZATION: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'],
  PARTNERSHIP: ['IDENTITY_PROOF', 'REGISTRATION_PROOF', 'ARTICLES_OF_ASSOCIATION'],
};

/** The checks the simulator runs today per kind, with reasons it accepts for each (its own lists). */
const CHECK_REASONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  IDENTITY_DOCUMENT_VERIFICATION: ['FACE_MATCH_FAIL', 'DOCUMENT_NOT_ACCEPTED', 'DOCUMENT_FALSIFIED', 'DOCUMENT_UNREADABLE', 'DOCUMENT_HAS_EXPIRED'],
  IDV_NAME_MATCH_CHECK: ['NAME_MISMATCH'],
  IDV_AGE_CHECK: ['UNDERAGE'],
  BUSINESS_VERIFICATION: ['DOCUMENT_FALSIFIED', 'DOCUMENT_INCOMPLETE', 'DOCUMENT_EXPIRED'],
  BUSINESS_NAME_MATCH: ['NAME_MISMATCH'],
  PERSONS_SIGNIFICANT_CONTROL: ['PSC_MATCH_FAIL', 'PSC_NAME_FAIL'],
};
const CHECKS: Readonly<Record<'NATURAL' | 'BUSINESS' | 'SOLETRADER', ReadonlyArray<string>>> = {
  NATURAL: ['IDENTITY_DOCUMENT_VERIFICATION', 'IDV_NAME_MATCH_CHECK', 'IDV_AGE_CHECK'],
  SOLETRADER: ['BUSINESS_VERIFICATION', 'IDENTITY_DOCUMENT_VERIFICATION', 'IDV_NAME_MATCH_CHECK', 'IDV_AGE_CHECK', 'BUSINESS_NAME_MATCH'],
  BUSINESS: ['BUSINESS_VERIFICATION', 'IDENTITY_DOCUMENT_VERIFICATION', 'IDV_NAME_MATCH_CHECK', 'IDV_AGE_CHECK', 'PERSONS_SIGNIFICANT_CONTROL'],
};

/** A dealer of outcomes in turn from a random start: every outcome comes round. */
const dealer = <T>(random: SeededRandom, outcomes: ReadonlyArray<T>) => {
  let turn = random.int(0, outcomes.length - 1);
  return (): T => outcomes[turn++ % outcomes.length] as T;
};

export const chaosScenarioPlan = (random: SeededRandom, users: number): ReadonlyArray<UserPlan> => {
  const identityOutcome = dealer(random, DOCUMENT_OUTCOMES);
  // OUT_OF_DATE straight after submission is for identity proofs only.
  const otherOutcome = dealer(random, DOCUMENT_OUTCOMES.filter((outcome) => outcome !== 'OUT_OF_DATE_AFTER_SUBMISSION'));
  const naturalSession = dealer(random, NATURAL_SESSION_OUTCOMES);
  const legalSession = dealer(random, SESSION_OUTCOMES);
  return Array.from({ length: users }, (_, index) => {
    const kind = KINDS[index % KINDS.length] as UserKind;
    const documents: DocumentPlan[] = Array.from({ length: random.int(1, 3) }, (_, n) => {
      const type = n < DOCUMENT_TYPES[kind].length && random.chance(0.7) ? (DOCUMENT_TYPES[kind][n] as string) : random.pick(DOCUMENT_TYPES[kind]);
      const message = random.chance(0.6) ? `Refused in chaos run, user ${index}, document ${n}` : undefined;
      return {
        kind: 'document',
        type,
        tag: random.chance(0.7) ? `chaos u${index} d${n}` : undefined,
        submitTag: random.chance(0.3) ? `chaos u${index} d${n} resubmitted` : undefined,
        outcome: type === 'IDENTITY_PROOF' ? identityOutcome() : otherOutcome(),
        refusal: {
          refusedReasonType: random.pick(DOCUMENT_REFUSED_REASONS),
          ...(message === undefined ? {} : { refusedReasonMessage: message }),
          ...(random.chance(0.3) ? { flags: ['009004'] } : {}),
        },
      };
    });
    const checks = kind === 'NATURAL' || kind === 'BUSINESS' || kind === 'SOLETRADER' ? CHECKS[kind] : undefined;
    const sessions: SessionPlan[] =
      checks === undefined
        ? []
        : Array.from({ length: random.int(1, 2) }, (_, n) => {
            const refused = [...checks].filter(() => random.chance(0.4));
            const description = random.chance(0.5) ? `Refused in chaos run, user ${index}, session ${n}` : undefined;
            return {
              kind: 'session',
              tag: random.chance(0.5) ? `chaos u${index} s${n}` : undefined,
              outcome: kind === 'NATURAL' ? naturalSession() : legalSession(),
              onHostedPage: random.chance(0.4),
              refusals: Object.fromEntries(
                (refused.length > 0 ? refused : [checks[0] as string]).map((check) => [
                  check,
                  { reason: random.pick(CHECK_REASONS[check] ?? ['REFUSED']), ...(description === undefined ? {} : { description }) },
                ]),
              ),
            };
          });
    const steps: Array<DocumentPlan | SessionPlan> = [...documents, ...sessions];
    // Interleaved: a user's documents and sessions in a random order.
    for (let i = steps.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [steps[i], steps[j]] = [steps[j] as DocumentPlan | SessionPlan, steps[i] as DocumentPlan | SessionPlan];
    }
    return { index, kind, steps };
  });
};
