import type { DocumentPlan, SessionPlan, UserKind, UserPlan } from './chaos-scenario-plan.js';
import type { MangopaySide } from './mangopay-side.js';
import type { PlatformRestClient } from './platform-rest-client.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Runs a chaos scenario plan: users created at Mangopay (the simulator's API, as a platform does), documents and
 * sessions through the service's REST API, and each settled at Mangopay (control API or hosted page). Users run
 * a few at a time; each user's own steps run in order with short pauses, so that hooks of one resource arrive
 * close together and the proxy can reorder them.
 */
export interface DrivenScenario {
  readonly users: ReadonlyArray<string>;
  readonly documents: ReadonlyArray<{ readonly id: string; readonly userId: string }>;
  readonly sessions: ReadonlyArray<{ readonly id: string; readonly userId: string }>;
}

export interface ChaosScenarioDriver {
  readonly platform: PlatformRestClient;
  readonly mangopay: MangopaySide;
  /** A generator of a user's own (for pauses), so that a user's draws do not depend on the others' timing. */
  readonly randomFor: (userIndex: number) => SeededRandom;
  /** A page every document type accepts (PDF, over 32 KB for identity proofs). */
  readonly page: string;
  readonly concurrency: number;
  /** Told of every resource id as soon as it exists (the proxy forges hooks about them). */
  readonly onResource: (id: string) => void;
}

const RETURN_URL = 'https://platform.example/kyc/back';
/** The checks the hosted page offers for refusal (those with listed reasons). */
const HOSTED_REFUSABLE = new Set(['IDENTITY_DOCUMENT_VERIFICATION', 'BUSINESS_VERIFICATION', 'PERSONS_SIGNIFICANT_CONTROL']);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const userBody = (kind: UserKind, index: number): { readonly kind: 'natural' | 'legal'; readonly body: Record<string, unknown> } =>
  kind === 'NATURAL'
    ? {
        kind: 'natural',
        body: {
          FirstName: `Chaos${index}`,
          LastName: 'Person',
          Email: `chaos.${index}@example.com`,
          UserCategory: 'OWNER',
          Birthday: 631152000 + index * 86400,
          Nationality: 'FR',
          CountryOfResidence: 'FR',
          TermsAndConditionsAccepted: true,
        },
      }
    : {
        kind: 'legal',
        body: {
          Name: `Chaos ${kind.toLowerCase()} ${index}`,
          LegalPersonType: kind,
          Email: `chaos.legal.${index}@example.com`,
          UserCategory: 'OWNER',
          LegalRepresentativeFirstName: `Rep${index}`,
          LegalRepresentativeLastName: 'Director',
          LegalRepresentativeBirthday: 631152000,
          LegalRepresentativeNationality: 'FR',
          LegalRepresentativeCountryOfResidence: 'FR',
          CompanyNumber: `${10000000 + index}`,
          TermsAndConditionsAccepted: true,
        },
      };

export const driveChaosScenario = async (driver: ChaosScenarioDriver, plan: ReadonlyArray<UserPlan>): Promise<DrivenScenario> => {
  const users: string[] = [];
  const documents: Array<{ id: string; userId: string }> = [];
  const sessions: Array<{ id: string; userId: string }> = [];
  const { platform, mangopay } = driver;

  const document = async (userId: string, step: DocumentPlan, random: SeededRandom): Promise<void> => {
    const created = await platform.command('POST', `/users/${userId}/kyc/documents`, { Type: step.type, ...(step.tag === undefined ? {} : { Tag: step.tag }) });
    const id = created['Id'] as string;
    documents.push({ id, userId });
    driver.onResource(id);
    await platform.command('POST', `/users/${userId}/kyc/documents/${id}/pages`, { File: driver.page });
    if (step.outcome === 'CREATED') return;
    await platform.command('PUT', `/users/${userId}/kyc/documents/${id}`, { Status: 'VALIDATION_ASKED', ...(step.submitTag === undefined ? {} : { Tag: step.submitTag }) });
    if (step.outcome === 'VALIDATION_ASKED') return;
    await sleep(random.int(0, 300));
    switch (step.outcome) {
      case 'VALIDATED':
        return mangopay.settleDocument(id, { status: 'VALIDATED' });
      case 'REFUSED':
        return mangopay.settleDocument(id, { status: 'REFUSED', ...step.refusal });
      case 'OUT_OF_DATE_AFTER_SUBMISSION':
        return mangopay.settleDocument(id, { status: 'OUT_OF_DATE' });
      case 'OUT_OF_DATE_AFTER_VALIDATED':
        await mangopay.settleDocument(id, { status: 'VALIDATED' });
        await sleep(random.int(0, 300));
        return mangopay.settleDocument(id, { status: 'OUT_OF_DATE' });
    }
  };

  const session = async (userId: string, step: SessionPlan, random: SeededRandom): Promise<void> => {
    const created = await platform.command('POST', `/users/${userId}/identity-verifications`, { ReturnUrl: RETURN_URL, ...(step.tag === undefined ? {} : { Tag: step.tag }) });
    const id = created['Id'] as string;
    const hostedUrl = created['HostedUrl'] as string;
    sessions.push({ id, userId });
    driver.onResource(id);
    /** The person ends it on the hosted page, or Mangopay's team through the control API. */
    const finish = async (status: 'VALIDATED' | 'REFUSED' | 'REVIEW' | 'EXPIRED' | 'ERROR'): Promise<void> => {
      const hostedRefusalPossible = Object.keys(step.refusals).every((check) => HOSTED_REFUSABLE.has(check));
      if (step.onHostedPage && (status !== 'REFUSED' || hostedRefusalPossible)) {
        const action = { VALIDATED: 'validate', REFUSED: 'refuse', REVIEW: 'review', EXPIRED: 'timeout', ERROR: 'error' }[status];
        const description = Object.values(step.refusals)[0]?.description;
        const refusals = status === 'REFUSED' ? Object.fromEntries(Object.entries(step.refusals).map(([check, refusal]) => [`refusal_${check}`, refusal.reason])) : {};
        return mangopay.completeHostedSession(hostedUrl, { action, ...refusals, ...(status === 'REFUSED' && description !== undefined ? { description } : {}) });
      }
      return mangopay.settleSession(id, status === 'REFUSED' ? { status, refusals: step.refusals } : { status });
    };
    await sleep(random.int(0, 300));
    switch (step.outcome) {
      case 'PENDING':
        return;
      case 'VALIDATED':
      case 'REFUSED':
      case 'EXPIRED':
      case 'ERROR':
      case 'REVIEW':
        return finish(step.outcome);
      case 'OUT_OF_DATE':
        await finish('VALIDATED');
        await sleep(random.int(0, 300));
        return mangopay.settleSession(id, { status: 'OUT_OF_DATE' });
      case 'REVIEW_VALIDATED':
      case 'REVIEW_REFUSED':
      case 'REVIEW_ERROR': {
        await finish('REVIEW');
        await sleep(random.int(0, 300));
        const after = step.outcome.slice('REVIEW_'.length);
        return mangopay.settleSession(id, after === 'REFUSED' ? { status: after, refusals: step.refusals } : { status: after });
      }
    }
  };

  const runUser = async (user: UserPlan): Promise<void> => {
    const random = driver.randomFor(user.index);
    const { kind, body } = userBody(user.kind, user.index);
    const userId = await mangopay.createUser(kind, body);
    users.push(userId);
    driver.onResource(userId);
    for (const step of user.steps) await (step.kind === 'document' ? document(userId, step, random) : session(userId, step, random));
  };

  const queue = [...plan];
  await Promise.all(
    Array.from({ length: driver.concurrency }, async () => {
      for (let user = queue.shift(); user !== undefined; user = queue.shift()) await runUser(user);
    }),
  );
  return { users, documents, sessions };
};
