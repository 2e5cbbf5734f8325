import * as E from 'fp-ts/lib/Either.js';
import { idvSessionAggregate, kycDocumentAggregate, userKycAggregate } from '../../application/aggregates.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import { HOOK_EVENT_TYPES } from '../../application/ports/mangopay-vocabulary.js';
import { INBOX_ENTRY_STATUSES } from '../../application/ports/webhook-inbox.js';
import { DEFAULT_INBOX_RETRY_POLICY, hookResourceOf, RECEIVED_HOOK_EVENT_TYPES, type HookResource } from '../../application/webhooks/index.js';
import {
  checkIdvEligibility,
  IDV_CHECKS_BY_PERSON_TYPE,
  IDV_DATA_POINT_FORMATS,
  IDV_REFUSAL_REASONS_BY_CHECK,
  IDV_SESSION_LIFECYCLE,
  idvSessionTransitions,
  type DataPointFormat,
} from '../../domain/idv-session/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, KYC_DOCUMENT_LIFECYCLE, kycDocumentTransitions, SEED_PAGE_POLICY, type PagePolicy } from '../../domain/kyc-document/index.js';
import {
  DEFAULT_RETENTION_YEARS,
  LEGAL_PERSON_TYPES,
  requiredDocumentsForRegular,
  requiresUboDeclaration,
  USER_CATEGORIES,
  USER_KYC_LIFECYCLE,
  userKycTransitions,
  type KnownUserProfile,
  type UserCategory,
} from '../../domain/user-kyc/index.js';
import { DEFAULT_BACKGROUND_CALLS_PER_MINUTE, DEFAULT_INBOX_RETENTION_DAYS, DEFAULT_SWEEP, UNKNOWN_IDS_REMEMBERED_MS } from '../../application/webhooks/webhook-handling-defaults.js';
import { GENERATED_NOTICE, renderAggregatePage } from './aggregate-page.js';
import { auditorsGuide } from './auditors-guide.js';
import { testCatalogue } from './checking-tests.js';
import { fieldsOf } from './codec-fields.js';
import { docComments } from './doc-comments.js';
import { exampleTimelines } from './example-timelines.js';
import { bullets, code, table, testLinks } from './markdown.js';
import { CONSOLE_SCREENSHOT_DIRECTORY, CONSOLE_SCREENSHOTS } from './console-screenshots.js';
import { rulesVersion } from './rules-version.js';
import { ACCESS_STREAM_PREFIX, PERSONAL_VALUE_REVEALED } from '../auditors-console/access-log.js';
import {
  hookHandlingRules,
  IDV_SESSION_ANOMALY_RULES,
  IDV_SESSION_ERROR_RULES,
  INBOX_STATUS_MEANINGS,
  KYC_DOCUMENT_ANOMALY_RULES,
  KYC_DOCUMENT_ERROR_RULES,
  type AnomalyRule,
  SHARED_ERROR_RULES,
  USER_KYC_ERROR_RULES,
} from './rule-statements.js';

export interface GeneratedDoc {
  /** Relative to the project root. */
  readonly path: string;
  readonly content: string;
}

export const AUDITOR_DOCS_DIRECTORY = 'docs/auditors';

type AnyAggregate = Aggregate<unknown, { readonly type: string }, unknown, unknown>;
type KycDocumentCode = keyof typeof KYC_DOCUMENT_ERROR_RULES;

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`);

const pagePolicyTable = (policies: ReadonlyArray<PagePolicy>): string => {
  const row = (rule: string, enforcedAs: ReadonlyArray<KycDocumentCode>, value: (policy: PagePolicy) => string) => [
    rule,
    ...policies.map(value),
    enforcedAs.map(code).join(', '),
  ];
  return table(
    ['rule', ...policies.map((policy) => policy.name), 'refused with'],
    [
      row('formats (read from the magic bytes)', ['PAGE_FORMAT_NOT_ACCEPTED'], (p) => p.acceptedFormats.join(', ')),
      row('smallest file', ['PAGE_TOO_SMALL'], (p) => size(p.minBytes)),
      row('larger minimum by document type', ['PAGE_TOO_SMALL'], (p) => Object.entries(p.minBytesByType).map(([type, bytes]) => `${type}: ${size(bytes ?? 0)}`).join(', ') || 'none'),
      row('largest file', ['PAGE_TOO_LARGE'], (p) => size(p.maxBytes)),
      row('largest base64 text (checked before decoding)', ['PAGE_TOO_LARGE'], (p) => size(p.maxBase64Length)),
      row('pages per document', ['TOO_MANY_PAGES'], (p) => (p.maxPages === undefined ? 'no limit' : String(p.maxPages))),
    ],
  );
};

const FORMAT_WORDS: { readonly [F in DataPointFormat]: string } = {
  text: 'text, not blank',
  unixTimestamp: 'unix timestamp',
  countryCode: 'ISO 3166-1 alpha-2 country code',
};

/** Every kind of user the seeds name: Natural, and Legal of each LegalPersonType. */
const PERSON_KINDS: ReadonlyArray<{ readonly label: string; readonly profile: (category: UserCategory) => KnownUserProfile }> = [
  { label: 'Natural', profile: (userCategory) => ({ personType: 'NATURAL', userCategory }) },
  ...LEGAL_PERSON_TYPES.map((legalPersonType) => ({
    label: `Legal ${legalPersonType}`,
    profile: (userCategory: UserCategory): KnownUserProfile => ({ personType: 'LEGAL', legalPersonType, userCategory }),
  })),
];

/** Anomaly rules, each with the tests that name it or say they record the outcome with the anomaly. */
const anomalyRules = (tests: ReturnType<typeof testCatalogue>, rules: ReadonlyArray<AnomalyRule>, under: string) =>
  rules.map((rule) => ({ ...rule, tests: tests.find([under, 'test/'], { names: rule.id }, { titled: 'with the anomaly' }) }));

/** Every page of docs/auditors/, rendered from the code; `projectRoot` is where `src/domain` and `test/` are read from. */
export const renderAuditorDocs = (projectRoot: string): ReadonlyArray<GeneratedDoc> => {
  const tests = testCatalogue(projectRoot);
  const commentOf = docComments(projectRoot, ['src/domain']);
  const documents = kycDocumentAggregate() as unknown as AnyAggregate;
  const sessions = idvSessionAggregate as unknown as AnyAggregate;
  const users = userKycAggregate as unknown as AnyAggregate;

  const kycDocumentPage = renderAggregatePage({
    title: 'KYC documents (seed 002)',
    intro:
      'A KYC document is created for a user with a type, receives pages while CREATED, is submitted (VALIDATION_ASKED), and is then VALIDATED or REFUSED by Mangopay, or put OUT_OF_DATE. Only page fingerprints are recorded, never page content.',
    slug: 'kyc-document',
    aggregate: documents,
    lifecycle: KYC_DOCUMENT_LIFECYCLE,
    transitions: kycDocumentTransitions,
    errorRules: KYC_DOCUMENT_ERROR_RULES,
    observesMangopayStatus: true,
    tests,
    commentOf,
    extraRules: anomalyRules(tests, KYC_DOCUMENT_ANOMALY_RULES, 'test/domain/kyc-document.'),
    extraSections: [
      '## Page policies',
      'Which files a page may be. Today’s Mangopay rules apply by default (Mangopay refuses what they refuse); the seed’s rules run when the platform chooses them (`KYC_PAGE_POLICY=seed`).',
      pagePolicyTable([SEED_PAGE_POLICY, CURRENT_MANGOPAY_PAGE_POLICY]),
    ],
  });

  const eligibility = PERSON_KINDS.map((kind) => [
    kind.label,
    ...USER_CATEGORIES.map((category) => {
      const judged = checkIdvEligibility(kind.profile(category));
      return E.isRight(judged) ? 'may start a session' : `refused: ${code(judged.left.type)}`;
    }),
  ]);
  const idvSessionPage = renderAggregatePage({
    title: 'Identity verification sessions (seed 000)',
    intro:
      'A hosted IDV session is started for an eligible user, the person completes Mangopay’s hosted page, and Mangopay settles the session (VALIDATED, REJECTED, TIMEOUT, ERROR, after a REVIEW or not) with the outcome of each check; a VALIDATED session later becomes OUTDATED.',
    slug: 'idv-session',
    aggregate: sessions,
    lifecycle: IDV_SESSION_LIFECYCLE,
    transitions: idvSessionTransitions,
    errorRules: IDV_SESSION_ERROR_RULES,
    observesMangopayStatus: true,
    tests,
    commentOf,
    extraRules: anomalyRules(tests, IDV_SESSION_ANOMALY_RULES, 'test/domain/idv-session.'),
    extraSections: [
      '## Who may start a session',
      'The eligibility rule, run on every kind of user and UserCategory.',
      table(['user', ...USER_CATEGORIES], eligibility),
      '## Checks and their data points, by user type',
      `What ${code('IDV_CHECKS_BREAK_RULES')} compares Mangopay’s checks with: checks that do not fit are recorded all the same, with the anomaly. Check types, data points and reasons Mangopay added since the seed are recorded as they are, unjudged.`,
      table(
        ['user type', 'check', 'data points verified (value format)'],
        Object.entries(IDV_CHECKS_BY_PERSON_TYPE).flatMap(([personType, checks]) =>
          Object.entries(checks).map(([check, points]) => [
            personType,
            code(check),
            (points ?? []).map((point) => `${code(point)} (${FORMAT_WORDS[IDV_DATA_POINT_FORMATS[point]]})`).join(', ') || 'none',
          ]),
        ),
      ),
      '## Refusal reasons allowed for each check',
      table(['check', 'refusal reasons'], Object.entries(IDV_REFUSAL_REASONS_BY_CHECK).map(([check, reasons]) => [code(check), reasons.map(code).join(', ')])),
    ],
  });

  const missingForRegular = commentOf('missingForRegular');
  const userKycPage = renderAggregatePage({
    title: 'A user’s KYC level',
    intro:
      'What the core knows of a user at Mangopay: natural or legal (and LegalPersonType), UserCategory, KYC level LIGHT or REGULAR (hooks USER_KYC_LIGHT and USER_KYC_REGULAR), and which validated documents and sessions count towards REGULAR. Mangopay decides the level; the core records it from the re-fetched user and from the outcomes of the user’s documents and sessions.',
    slug: 'user-kyc',
    aggregate: users,
    lifecycle: USER_KYC_LIFECYCLE,
    transitions: userKycTransitions,
    errorRules: USER_KYC_ERROR_RULES,
    observesMangopayStatus: false,
    tests,
    commentOf,
    extraRules: [
      {
        id: 'REGULAR_REQUIREMENTS',
        rule: `${missingForRegular ?? 'What is still missing for REGULAR'} The documents, by kind of user, are in the table below.`,
        tests: tests.find(['test/domain/user-kyc.'], { titled: 'missing for REGULAR' }, { mentions: 'requiredDocumentsForRegular' }, { mentions: 'missingForRegular' }),
      },
    ],
    extraSections: [
      '## Documents needed for REGULAR',
      'Validated documents a user needs for REGULAR, and whether a validated UBO declaration is needed too (shown as `UBO_DECLARATION` in what is missing), unless a hosted IDV session of theirs is VALIDATED (rule `REGULAR_REQUIREMENTS`). A UBO declaration is asked of a Business or Partnership only (https://docs.mangopay.com/guides/users/verification/beneficial-owners).',
      table(
        ['user', 'documents', 'UBO declaration'],
        PERSON_KINDS.map((kind) => [
          kind.label,
          requiredDocumentsForRegular(kind.profile('OWNER')).map(code).join(', '),
          requiresUboDeclaration(kind.profile('OWNER')) ? 'validated one needed' : 'none',
        ]),
      ),
      'A user whose LegalPersonType or UserCategory the seeds do not know (one Mangopay added) is recorded with its word verbatim and an anomaly; what it misses for REGULAR is shown as undetermined (null), never guessed.',
    ],
  });

  const what: { readonly [R in HookResource]: string } = {
    'kyc-document': 're-fetch the KYC document; reconcile its status (and which of the user’s documents count towards REGULAR)',
    'idv-session': 're-fetch the IDV session and its checks; reconcile its status and checks (and which of the user’s sessions count towards REGULAR)',
    user: 're-fetch the user; reconcile their type, category and KYC level (and a legal user’s UBO declarations)',
    'ubo-declaration': 're-fetch the UBO declaration, then its user and all their UBO declarations; reconcile them (a validated declaration counts towards REGULAR for a Business or Partnership)',
  };
  const hookRules = hookHandlingRules(DEFAULT_INBOX_RETRY_POLICY.maxAttempts).map((rule) => ({
    ...rule,
    tests: tests.find(['test/webhooks/', 'test/'], { titled: rule.titled }),
  }));
  const webhooksPage = [
    '# Mangopay hooks',
    GENERATED_NOTICE,
    'Mangopay notifies the platform with a plain GET (`EventType`, `RessourceId`, `Date`), without a signature, possibly twice, late or out of order. The endpoint records each notification in a durable inbox and answers at once; a processor then re-fetches the named resource from Mangopay and reconciles it (see [the guide](README.md#inferred-steps-and-divergences-from-mangopay)). A hook is a hint, never the truth.',
    '## Event types',
    table(
      ['EventType', 'hook registered by this core', 'RessourceId names', 'handling'],
      [
        ...RECEIVED_HOOK_EVENT_TYPES.map((type) => {
          const resource = hookResourceOf(type);
          return [
            code(type),
            (HOOK_EVENT_TYPES as ReadonlyArray<string>).includes(type) ? 'yes' : 'no (handled if the platform registers it)',
            resource ?? '—',
            resource === undefined ? 'ignored' : what[resource],
          ];
        }),
        ['any other', 'no', '—', 'recorded as `ignored`, answered 200'],
      ],
    ),
    '## How a notification is handled',
    table(
      ['id', 'rule', 'checked by'],
      hookRules.map((rule) => [code(rule.id), rule.rule, testLinks(rule.tests)]),
    ),
    '## States of a notification in the inbox',
    table(
      ['state', 'meaning'],
      INBOX_ENTRY_STATUSES.map((status) => [code(status), INBOX_STATUS_MEANINGS[status]]),
    ),
    `By default the processor waits ${DEFAULT_INBOX_RETRY_POLICY.baseDelayMs / 1000} s before a second attempt, doubles the delay each time up to ${DEFAULT_INBOX_RETRY_POLICY.maxDelayMs / 60_000} min, and parks a notification after ${DEFAULT_INBOX_RETRY_POLICY.maxAttempts} attempts. It holds a notification it works on for ${DEFAULT_INBOX_RETRY_POLICY.leaseMs / 1000} s, renewed every ${DEFAULT_INBOX_RETRY_POLICY.renewEveryMs / 1000} s while it works: if it dies, another processor takes the notification up within that time. Processed and ignored notifications leave the inbox ${DEFAULT_INBOX_RETENTION_DAYS} days after they were settled (\`KYC_INBOX_RETENTION_DAYS\`); what processing recorded stays in the event log, and parked ones stay until an operator replays them. For hooks that never came, the service sweeps by itself: every ${DEFAULT_SWEEP.everySeconds} s it re-fetches the documents and sessions not final, then the users, that nothing has observed for ${DEFAULT_SWEEP.olderThanSeconds / 60} min (\`KYC_SWEEP_EVERY_SECONDS\`, \`KYC_SWEEP_OLDER_THAN_SECONDS\`); \`kyc reconcile\` re-fetches all of them at once. Re-fetches and sweeps spend at most ${DEFAULT_BACKGROUND_CALLS_PER_MINUTE} Mangopay calls a minute (\`KYC_BACKGROUND_CALLS_PER_MINUTE\`), resources the core holds first, so forged hooks cannot delay a genuine one; notifications about one resource taken up together share one re-fetch, and an id Mangopay does not know is not asked about again for ${UNKNOWN_IDS_REMEMBERED_MS / 60_000} min.`,
  ].join('\n\n');

  const sealedRows = [documents, sessions, users].flatMap((aggregate) =>
    Object.entries((aggregate.personalData?.fields ?? {}) as Readonly<Record<string, ReadonlyArray<string>>>)
      .filter(([, fields]) => fields.length > 0)
      .map(([event, fields]) => [aggregate.name, code(event), fields.map(code).join(', ')]),
  );
  const atRest = ['test/personal-data/', 'test/'];
  const pageFacts = fieldsOf(documents.events.codecOf('KycPageAdded')).filter((field) => field.name !== 'type');
  const personalDataPage = [
    '# Personal data: what is stored, what is sealed, what is never stored',
    GENERATED_NOTICE,
    '## Never stored',
    `Page content. A page is checked (format from its magic bytes, size, base64) and only these facts are recorded in ${code('KycPageAdded')}: ${pageFacts.map((field) => code(field.name)).join(', ')}. The bytes are forwarded to Mangopay and dropped.`,
    `Checked by: ${testLinks(tests.find(atRest, { titled: 'uploaded page' }))}.`,
    '## Sealed',
    'These event fields hold personal data. They are encrypted with AES-256-GCM under the data key of the user they are about (a unique IV per field) before the event is appended, and opened when read:',
    table(['stream', 'event', 'sealed fields'], sealedRows),
    'The data keys live in the same database as the events but in their own table (`personal_data_keys`), each wrapped by a master key (`KYC_PERSONAL_DATA_MASTER_KEY`, or a file kept beside the data with owner-only access), so a copy of the database alone opens nothing.',
    `Checked by: ${testLinks(tests.find(atRest, { titled: 'no personal value in clear' }))}.`,
    '## Stored in clear',
    'Every other field of every event (listed on each aggregate’s page): what the rules run on. Identifiers, statuses, document types, page facts, check types and outcomes, data point types, refusal reason types, KYC levels, user type and category, dates, command ids, and who erased a user’s data and why. The read models behind the lists hold no personal data.',
    '## Who is shown it',
    `Each API key has a role. A ${code('platform')} key (the platform’s backend) is shown the sealed fields as recorded. An ${code('auditor')} key only reads (views, lists, audit timelines), and is shown every sealed field as ${code('{ "masked": true }')}: an IDV check still lists its data points by type, so they can be counted, and a timeline says that a refusal message is masked; an erasure shows as erased to both.`,
    `Checked by: ${testLinks(tests.find(['test/http-service/', 'test/'], { titled: 'never shows an auditor a personal value' }))}.`,
    '## Erasure',
    `Erasing a user destroys their data key: the sealed fields of all their events then read as ${code('{ "erased": true }')}. It is refused until ${DEFAULT_RETENTION_YEARS} years after the user’s last activity (configurable with ${code('KYC_RETENTION_YEARS')}) unless forced, and every erasure is recorded in the user’s stream (rule ${code('RETENTION_PERIOD_NOT_OVER')} on [the user’s page](user-kyc.md)). SQLite overwrites the freed key (secure_delete) and truncates its WAL; PostgreSQL vacuums the key table. Backups and WAL archives keep a destroyed key until they expire: their retention must not exceed the erasure delay you promise.`,
    `Checked by: ${testLinks(tests.find(atRest, { titled: 'erasure' }))}.`,
    '## Shown in the auditors’ console',
    `Masked on every page and export. An auditor reveals one value at a time, with a reason of their own (10 to 500 characters); the access is appended first, as ${code(PERSONAL_VALUE_REVEALED)} in the stream ${code(`${ACCESS_STREAM_PREFIX}<UserId>`)} (the key's id and role, the stream, version and field of the value, the reason; never the value), and only then is the value shown. The user's page in the console lists every access.`,
    `Checked by: ${testLinks(tests.find(['test/adapters/auditors-console.'], { titled: 'reveals a data point' }))}.`,
  ].join('\n\n');

  const pages = [
    { file: 'kyc-document.md', title: 'KYC documents (seed 002)', rendered: kycDocumentPage, transitions: kycDocumentTransitions.length },
    { file: 'idv-session.md', title: 'Identity verification sessions (seed 000)', rendered: idvSessionPage, transitions: idvSessionTransitions.length },
    { file: 'user-kyc.md', title: 'A user’s KYC level', rendered: userKycPage, transitions: userKycTransitions.length },
  ];
  const shared = Object.entries(SHARED_ERROR_RULES).map(([errorCode, rule]) => {
    const checking = tests.find(['test/domain/', 'test/'], { names: errorCode });
    return { id: errorCode, rule, checking };
  });
  const untested = [
    ...shared.filter((rule) => rule.checking.length === 0).map((rule) => `${code(rule.id)} (common)`),
    ...pages.flatMap((page) => [
      ...page.rendered.untestedRules.map((id) => `${code(id)} ([${page.title}](${page.file}))`),
      ...(page.rendered.untestedSteps.length === 0
        ? []
        : [
            page.rendered.untestedSteps.length === page.transitions
              ? `every step of [${page.title}](${page.file}) (${page.transitions} rows): no model-based test visits its table, and no test is titled with one of its steps`
              : `steps of [${page.title}](${page.file}): ${page.rendered.untestedSteps.map(code).join(', ')}`,
          ]),
    ]),
  ];
  const readme = [
    '# kyc-core for auditors',
    GENERATED_NOTICE,
    'The rules this core enforces, read from its code: the transition tables, codecs, rule tables and error codes it runs are the ones printed here, and each rule names the tests that check it.',
    bullets([
      ...pages.map((page) => `[${page.title}](${page.file}): lifecycle, steps, rules, events`),
      '[Mangopay hooks](webhooks.md): event types and how each is handled',
      '[Personal data](personal-data.md): what is stored, what is sealed, what is never stored',
    ]),
    `Rules version: ${code(rulesVersion())} (a digest of the tables and rule statements below; the auditors' console stamps every export with it).`,
    '## The auditors\' console',
    'The same pages, and each user\'s live audit trail, in a browser: `kyc serve` serves them read-only at `/console` (sign in with an API key). Screenshots, written by its browser test:',
    bullets(CONSOLE_SCREENSHOTS.map((shot) => `[${shot.shows}](${CONSOLE_SCREENSHOT_DIRECTORY}/${shot.file})`)),
    '## Rules common to every command',
    table(
      ['id', 'rule', 'checked by'],
      shared.map((rule) => [code(rule.id), rule.rule, testLinks(rule.checking)]),
    ),
    '## Rules with no test',
    untested.length === 0 ? 'None: every rule and every step names at least one test.' : bullets(untested),
    auditorsGuide(exampleTimelines(), DEFAULT_RETENTION_YEARS).trim(),
  ].join('\n\n');

  return [
    { path: `${AUDITOR_DOCS_DIRECTORY}/README.md`, content: `${readme}\n` },
    { path: `${AUDITOR_DOCS_DIRECTORY}/kyc-document.md`, content: kycDocumentPage.content },
    { path: `${AUDITOR_DOCS_DIRECTORY}/idv-session.md`, content: idvSessionPage.content },
    { path: `${AUDITOR_DOCS_DIRECTORY}/user-kyc.md`, content: userKycPage.content },
    { path: `${AUDITOR_DOCS_DIRECTORY}/webhooks.md`, content: `${webhooksPage}\n` },
    { path: `${AUDITOR_DOCS_DIRECTORY}/personal-data.md`, content: `${personalDataPage}\n` },
  ];
};
