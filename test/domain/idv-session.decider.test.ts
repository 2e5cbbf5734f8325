import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  idvSessionDecider,
  StartIdvSession,
  type IdvCheck,
  type IdvSessionCommand,
  type IdvSessionEvent,
} from '../../src/domain/idv-session/index.js';
import type { MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../src/domain/shared/https-url.js';
import { decodeWith } from '../../src/domain/shared/invalid-input.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { LEGAL_PERSON_TYPES, type UserProfile } from '../../src/domain/user-kyc/index.js';
import { deciderSpec } from '../support/decider-spec.js';

const sessionId = 'idv_0001' as MangopayId;
const userId = 'user_0001' as MangopayId;
const at = 1_700_000_000 as UnixTimestamp;
const returnUrl = 'https://platform.example/kyc/done' as HttpsUrl;
const hostedUrl = 'https://verify.mangopay.example/session/idv_0001';

const naturalOwner: UserProfile = { personType: 'NATURAL', userCategory: 'OWNER' };
const businessOwner: UserProfile = { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' };

const startFor = (user: UserProfile): IdvSessionCommand => ({
  type: 'StartIdvSession',
  sessionId,
  userId,
  user,
  returnUrl,
  hostedUrl,
  creationDate: at,
});
const startedNatural: IdvSessionEvent = {
  type: 'IdvSessionStarted',
  sessionId,
  userId,
  personType: 'NATURAL',
  returnUrl,
  hostedUrl,
  creationDate: at,
};
const startedLegal: IdvSessionEvent = { ...startedNatural, personType: 'LEGAL', legalPersonType: 'BUSINESS' } as IdvSessionEvent;

const check = (type: IdvCheck['type'], dataPoints: Array<[string, string]>, extra: Partial<IdvCheck> = {}): IdvCheck =>
  ({
    checkId: `chk_${typeof type === 'string' ? type : type.unrecognized}`,
    type,
    status: 'VALIDATED',
    dataPoints: dataPoints.map(([t, value]) => ({ type: t, value })),
    ...extra,
  }) as IdvCheck;

const naturalIdentity = check('IDENTITY_DOCUMENT_VERIFICATION', [
  ['FIRST_NAME', 'Ada'],
  ['LAST_NAME', 'Lovelace'],
  ['BIRTHDATE', '-4857494400'],
  ['NATIONALITY', 'GB'],
  ['RESIDENCY', 'FR'],
]);
const legalChecks: IdvCheck[] = [
  check('BUSINESS_VERIFICATION', [
    ['COMPANY_NAME', 'Analytical Engines Ltd'],
    ['COMPANY_NUMBER', '01234567'],
  ]),
  check('IDENTITY_DOCUMENT_VERIFICATION', [
    ['LEGAL_REPRESENTATIVE_FIRST_NAME', 'Charles'],
    ['LEGAL_REPRESENTATIVE_LAST_NAME', 'Babbage'],
    ['LEGAL_REPRESENTATIVE_BIRTHDATE', '-5600000000'],
    ['LEGAL_REPRESENTATIVE_NATIONALITY', 'GB'],
    ['LEGAL_REPRESENTATIVE_FIRST_RESIDENCY', 'GB'],
  ]),
  check('PERSONS_SIGNIFICANT_CONTROL', []),
];

const observe = (status: (IdvSessionCommand & { type: 'ObserveIdvSession' })['status'], checks?: IdvCheck[]): IdvSessionCommand => ({
  type: 'ObserveIdvSession',
  sessionId,
  status,
  ...(checks === undefined ? {} : { checks }),
});
const step = (type: IdvSessionEvent['type'], source: 'mangopay' | 'inferred' = 'mangopay', checks?: IdvCheck[]) =>
  ({ type, sessionId, source, ...(checks === undefined ? {} : { checks }) }) as IdvSessionEvent;

const spec = deciderSpec(idvSessionDecider);

describe('IdvSession: who may start one (seed 000)', () => {
  it('a Natural OWNER may', () => {
    spec.thenEvents([], startFor(naturalOwner), [startedNatural]);
  });

  it('a Legal SOLETRADER or BUSINESS OWNER may', () => {
    for (const legalPersonType of ['SOLETRADER', 'BUSINESS'] as const) {
      const decision = spec.when([], startFor({ personType: 'LEGAL', legalPersonType, userCategory: 'OWNER' }));
      expect(E.isRight(decision) && decision.right[0]).toMatchObject({ type: 'IdvSessionStarted', legalPersonType });
    }
  });

  it("a Legal ORGANIZATION owner may start a session too (Mangopay's hosted IDV guide lists it today)", () => {
    const decided = spec.when([], startFor({ personType: 'LEGAL', legalPersonType: 'ORGANIZATION', userCategory: 'OWNER' }));
    expect(decided).toMatchObject(E.right([{ type: 'IdvSessionStarted', personType: 'LEGAL', legalPersonType: 'ORGANIZATION' }]));
  });

  it("a Legal PARTNERSHIP owner may not (Mangopay's hosted IDV guide: not available for the Partnership type)", () => {
    spec.thenError([], startFor({ personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'OWNER' }), 'IDV_USER_TYPE_NOT_ELIGIBLE');
    for (const legalPersonType of LEGAL_PERSON_TYPES.filter((type) => type !== 'PARTNERSHIP')) {
      const decided = spec.when([], startFor({ personType: 'LEGAL', legalPersonType, userCategory: 'OWNER' }));
      expect(E.isLeft(decided) && decided.left.type === 'IDV_USER_TYPE_NOT_ELIGIBLE').toBe(false);
    }
  });

  it('a session Mangopay shows for a user the rule refuses is imported all the same, the breaches as anomalies (provider truth)', () => {
    const importFor = (user: UserProfile): IdvSessionCommand => ({ ...startFor(user), type: 'ImportIdvSession' } as IdvSessionCommand);
    const partnership: UserProfile = { personType: 'LEGAL', legalPersonType: 'PARTNERSHIP', userCategory: 'PAYER' };
    spec.thenEvents([], importFor(partnership), [
      {
        ...startedNatural,
        personType: 'LEGAL',
        legalPersonType: 'PARTNERSHIP',
        anomalies: [
          { path: 'user.legalPersonType', rule: 'IdvEligibleLegalPersonType' },
          { path: 'user.userCategory', rule: 'IdvOwnerOnly' },
        ],
      } as IdvSessionEvent,
    ]);
    spec.thenEvents([], importFor(naturalOwner), [startedNatural]);
    spec.thenEvents([startedNatural], importFor(naturalOwner), []);
    spec.thenError([startedNatural], { ...importFor(naturalOwner), userId: 'another-user' } as IdvSessionCommand, 'IDV_SESSION_ALREADY_STARTED');
  });

  it('a PAYER or PLATFORM user may not, whatever their type', () => {
    for (const userCategory of ['PAYER', 'PLATFORM'] as const) {
      spec.thenError([], startFor({ personType: 'NATURAL', userCategory }), 'IDV_USER_NOT_OWNER');
      spec.thenError([], startFor({ ...businessOwner, userCategory }), 'IDV_USER_NOT_OWNER');
    }
  });

  it("a session is started once: the same start again (its first hook came first) records nothing; another user's is refused", () => {
    spec.thenEvents([startedNatural], startFor(naturalOwner), []);
    spec.thenError([startedNatural], { ...startFor(naturalOwner), userId: 'another-user' } as IdvSessionCommand, 'IDV_SESSION_ALREADY_STARTED');
  });

  it("refuses an observation of another session than the stream's", () => {
    spec.thenError([startedNatural], { ...observe('REVIEW'), sessionId: 'idv_other' as MangopayId } as IdvSessionCommand, 'IDV_SESSION_ID_MISMATCH');
  });

  it('the ReturnUrl must be an absolute https URL', () => {
    for (const bad of ['http://platform.example/done', '/kyc/done', 'https://user:pw@platform.example/', 'javascript:alert(1)']) {
      const decoded = decodeWith(StartIdvSession)({ ...startFor(naturalOwner), returnUrl: bad });
      expect(E.isLeft(decoded) && decoded.left.faults).toEqual([{ path: 'returnUrl', rule: 'HttpsUrl' }]);
    }
  });
});

describe('IdvSession: statuses (seed 000, "Handle the session outcome")', () => {
  it('PENDING → REVIEW → VALIDATED → OUTDATED', () => {
    spec.thenEvents([startedNatural], observe('REVIEW'), [step('IdvSessionSentToReview')]);
    const reviewed = [startedNatural, step('IdvSessionSentToReview')];
    spec.thenEvents(reviewed, observe('VALIDATED', [naturalIdentity]), [step('IdvSessionValidated', 'mangopay', [naturalIdentity])]);
    const validated = [...reviewed, step('IdvSessionValidated', 'mangopay', [naturalIdentity])];
    expect(spec.stateAfter(validated)).toMatchObject({ status: 'VALIDATED', checks: [naturalIdentity] });
    spec.thenEvents(validated, observe('OUTDATED'), [step('IdvSessionOutdated')]);
  });

  it('PENDING ends in REJECTED, TIMEOUT or ERROR directly', () => {
    spec.thenEvents([startedNatural], observe('REJECTED'), [step('IdvSessionRejected')]);
    spec.thenEvents([startedNatural], observe('TIMEOUT'), [step('IdvSessionTimedOut')]);
    spec.thenEvents([startedNatural], observe('ERROR'), [step('IdvSessionErrored')]);
  });

  it('REJECTED, TIMEOUT, ERROR and OUTDATED are final: a retry is a new session', () => {
    for (const [final, event] of [
      ['REJECTED', 'IdvSessionRejected'],
      ['TIMEOUT', 'IdvSessionTimedOut'],
      ['ERROR', 'IdvSessionErrored'],
    ] as const) {
      spec.thenEvents([startedNatural, step(event)], observe('VALIDATED'), [
        { type: 'IdvSessionStatusDiverged', sessionId, localStatus: final, observedStatus: 'VALIDATED' },
      ]);
    }
    const outdated = [startedNatural, step('IdvSessionValidated'), step('IdvSessionOutdated')];
    spec.thenEvents(outdated, observe('VALIDATED'), []);
    spec.thenEvents(outdated, observe('REVIEW'), []);
  });

  it('a TIMEOUT after REVIEW is not a legal step: recorded as a divergence, state kept', () => {
    const reviewed = [startedNatural, step('IdvSessionSentToReview')];
    const diverged: IdvSessionEvent = { type: 'IdvSessionStatusDiverged', sessionId, localStatus: 'REVIEW', observedStatus: 'TIMEOUT' };
    spec.thenEvents(reviewed, observe('TIMEOUT'), [diverged]);
    expect(spec.stateAfter([...reviewed, diverged]).status).toBe('REVIEW');
    spec.thenEvents([...reviewed, diverged], observe('TIMEOUT'), []);
  });

  it('a duplicated or stale observation records nothing', () => {
    const reviewed = [startedNatural, step('IdvSessionSentToReview')];
    spec.thenEvents(reviewed, observe('REVIEW'), []);
    spec.thenEvents([startedNatural], observe('PENDING'), []);
    const validated = [...reviewed, step('IdvSessionValidated', 'mangopay', [naturalIdentity])];
    spec.thenEvents(validated, observe('VALIDATED', [naturalIdentity]), []);
    spec.thenEvents(validated, observe('REVIEW'), []);
    spec.thenEvents(validated, observe('PENDING'), []);
  });

  it('records inferred steps: OUTDATED seen while PENDING implies it was VALIDATED', () => {
    spec.thenEvents([startedNatural], observe('OUTDATED'), [step('IdvSessionValidated', 'inferred'), step('IdvSessionOutdated')]);
  });

  it("Mangopay's newer statuses arrive translated; an unknown one is kept verbatim as a divergence", () => {
    spec.thenEvents([startedNatural], observe({ unrecognized: 'ARCHIVED' }), [
      { type: 'IdvSessionStatusDiverged', sessionId, localStatus: 'PENDING', observedStatus: { unrecognized: 'ARCHIVED' } },
    ]);
  });

  it('checks fetched after the outcome are recorded once', () => {
    const validated = [startedNatural, step('IdvSessionValidated')];
    spec.thenEvents(validated, observe('VALIDATED', [naturalIdentity]), [
      { type: 'IdvSessionChecksObserved', sessionId, checks: [naturalIdentity] },
    ]);
    spec.thenEvents([...validated, { type: 'IdvSessionChecksObserved', sessionId, checks: [naturalIdentity] }], observe('VALIDATED', [naturalIdentity]), []);
  });

  it('an observation for a session never started is refused', () => {
    spec.thenError([], observe('VALIDATED'), 'IDV_SESSION_NOT_FOUND');
  });
});

describe('IdvSession: checks per user type (seed 000, "Verified data returned")', () => {
  it('a Legal user gets business, legal representative identity and PSC checks', () => {
    spec.thenEvents([startedLegal], observe('VALIDATED', legalChecks), [step('IdvSessionValidated', 'mangopay', legalChecks)]);
  });

  it('IDV_CHECKS_BREAK_RULES: a Natural user has no business or PSC checks; Mangopay decided, so the outcome is recorded with the anomaly', () => {
    spec.thenEvents([startedNatural], observe('VALIDATED', [legalChecks[0]!]), [
      { ...step('IdvSessionValidated', 'mangopay', [legalChecks[0]!]), anomalies: [{ path: 'checks.0.type', rule: 'CheckTypeForNATURALUser' }] } as IdvSessionEvent,
    ]);
  });

  it("IDV_CHECKS_BREAK_RULES: a data point belongs to its check and user type: a Natural user's LEGAL_REPRESENTATIVE_* data is recorded as an anomaly", () => {
    const wrong = check('IDENTITY_DOCUMENT_VERIFICATION', [['LEGAL_REPRESENTATIVE_FIRST_NAME', 'Charles']]);
    spec.thenEvents([startedNatural], observe('VALIDATED', [wrong]), [
      { ...step('IdvSessionValidated', 'mangopay', [wrong]), anomalies: [{ path: 'checks.0.dataPoints.0.type', rule: 'DataPointOfIDENTITY_DOCUMENT_VERIFICATION' }] } as IdvSessionEvent,
    ]);
  });

  it('IDV_CHECKS_BREAK_RULES: BIRTHDATE is a unix timestamp; NATIONALITY and RESIDENCY are ISO 3166-1 alpha-2; the anomalies never echo values', () => {
    const wrong = check('IDENTITY_DOCUMENT_VERIFICATION', [
      ['BIRTHDATE', '10/12/1815'],
      ['NATIONALITY', 'XK-SECRET'],
      ['RESIDENCY', 'fr'],
    ]);
    const anomalies = [
      { path: 'checks.0.dataPoints.0.value', rule: 'UnixTimestamp' },
      { path: 'checks.0.dataPoints.1.value', rule: 'CountryCode' },
      { path: 'checks.0.dataPoints.2.value', rule: 'CountryCode' },
    ];
    spec.thenEvents([startedNatural], observe('VALIDATED', [wrong]), [{ ...step('IdvSessionValidated', 'mangopay', [wrong]), anomalies } as IdvSessionEvent]);
    expect(JSON.stringify(anomalies)).not.toMatch(/1815|SECRET/);
  });

  it('IDV_CHECKS_BREAK_RULES: a VALIDATED session whose checks break the rules still leaves the session VALIDATED, its anomalies in the state', () => {
    const wrong = check('IDENTITY_DOCUMENT_VERIFICATION', [['BIRTHDATE', 'not a date']]);
    const decided = spec.when([startedNatural], observe('VALIDATED', [wrong]));
    if (E.isLeft(decided)) throw new Error(`refused: ${decided.left.type}`);
    expect(spec.stateAfter([startedNatural, ...decided.right])).toMatchObject({
      status: 'VALIDATED',
      anomalies: [{ path: 'checks.0.dataPoints.0.value', rule: 'UnixTimestamp' }],
    });
  });

  it('a refusal reason is valid only under the check types the glossary lists it for', () => {
    // The second reason is the one judged: every reason of a check is, not only the first.
    const refusedWith = (type: IdvCheck['type'], refusalReason: string) =>
      check(type, [], { status: 'REFUSED', reasons: [{ type: 'ERROR' }, { type: refusalReason, value: 'comment' }] } as Partial<IdvCheck>);
    const ok: Array<[IdvCheck['type'], string]> = [
      ['IDENTITY_DOCUMENT_VERIFICATION', 'FACE_MATCH_FAIL'],
      ['BUSINESS_VERIFICATION', 'DOCUMENT_TYPE_NOT_SUPPORTED'],
      ['PERSONS_SIGNIFICANT_CONTROL', 'PSC_NAME_FAIL'],
      ['PERSONS_SIGNIFICANT_CONTROL', 'EXPIRED_CREDENTIALS'],
    ];
    for (const [type, reason] of ok) {
      expect(E.isRight(spec.when([startedLegal], observe('REJECTED', [refusedWith(type, reason)])))).toBe(true);
    }
    const wrong: Array<[IdvCheck['type'], string]> = [
      ['BUSINESS_VERIFICATION', 'FACE_MATCH_FAIL'],
      ['IDENTITY_DOCUMENT_VERIFICATION', 'PSC_MATCH_FAIL'],
      ['IDENTITY_DOCUMENT_VERIFICATION', 'DOCUMENT_EXPIRED'],
      ['PERSONS_SIGNIFICANT_CONTROL', 'DOCUMENT_FALSIFIED'],
    ];
    // IDV_CHECKS_BREAK_RULES: recorded all the same (Mangopay decided), the reason named as an anomaly.
    for (const [type, reason] of wrong) {
      const decided = spec.when([startedLegal], observe('REJECTED', [refusedWith(type, reason)]));
      expect(decided).toMatchObject(E.right([{ type: 'IdvSessionRejected', anomalies: [{ path: 'checks.0.reasons.1.type', rule: `RefusalReasonOf${type}` }] }]));
    }
  });

  it("check types Mangopay added since the seed are recorded as they are, unjudged", () => {
    const newer = check({ unrecognized: 'PROOF_OF_ADDRESS' }, [['ADDRESS_LINE', 'anything']] as Array<[string, string]>);
    const decision = spec.when([startedNatural], observe('VALIDATED', [{ ...newer, dataPoints: [{ type: { unrecognized: 'ADDRESS_LINE' }, value: 'x' }] } as IdvCheck]));
    expect(E.isRight(decision)).toBe(true);
  });
});
