import type { DrivenScenario } from './chaos-scenario-driver.js';
import type { Json, MangopaySide } from './mangopay-side.js';
import type { PlatformRestClient } from './platform-rest-client.js';

/**
 * Field by field, what the service's REST API shows of each resource against what Mangopay's API shows: the
 * views of one resource (GET by id) and the lists (the read model). Mangopay is the truth.
 */
export interface Divergence {
  readonly resource: 'document' | 'session' | 'user';
  readonly id: string;
  readonly field: string;
  readonly service: unknown;
  readonly mangopay: unknown;
}

const DOCUMENT_FIELDS = ['Status', 'Type', 'UserId', 'Tag', 'CreationDate', 'ProcessedDate', 'RefusedReasonType', 'RefusedReasonMessage'] as const;
/** The list shows no RefusedReasonMessage. */
const LISTED_DOCUMENT_FIELDS = DOCUMENT_FIELDS.filter((field) => field !== 'RefusedReasonMessage');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const fieldsOf = (resource: Divergence['resource'], id: string, prefix: string, fields: ReadonlyArray<string>, service: Json, truth: Json): Divergence[] =>
  fields.flatMap((field) =>
    same(service[field], truth[field]) ? [] : [{ resource, id, field: `${prefix}${field}`, service: service[field] ?? null, mangopay: truth[field] ?? null }],
  );

/** Mangopay's check against the service's: the service keeps one reason per check (seed 000), the first. */
const checkDivergences = (id: string, service: ReadonlyArray<Json>, truth: ReadonlyArray<Json>): Divergence[] => {
  const found: Divergence[] = [];
  const byId = new Map(service.map((check) => [check['CheckId'], check]));
  for (const check of truth) {
    const mine = byId.get(check['CheckId']);
    const at = `Checks[${String(check['CheckId'])}]`;
    if (mine === undefined) {
      found.push({ resource: 'session', id, field: at, service: null, mangopay: check['Type'] });
      continue;
    }
    byId.delete(check['CheckId']);
    const reasons = (check['Reasons'] as ReadonlyArray<Json> | undefined) ?? [];
    const pairs: ReadonlyArray<readonly [string, unknown, unknown]> = [
      ['Type', mine['Type'], check['Type']],
      ['Status', mine['Status'], check['CheckStatus']],
      ['Data', mine['Data'], check['Data']],
      ['RefusalReason', mine['RefusalReason'], reasons[0]?.['Type']],
      ['RefusalDescription', mine['RefusalDescription'], reasons[0]?.['Value']],
    ];
    for (const [field, service, mangopay] of pairs) {
      if (!same(service, mangopay)) found.push({ resource: 'session', id, field: `${at}.${field}`, service: service ?? null, mangopay: mangopay ?? null });
    }
  }
  for (const [checkId, extra] of byId) found.push({ resource: 'session', id, field: `Checks[${String(checkId)}]`, service: extra['Type'], mangopay: null });
  return found;
};

const viewOf = async (platform: PlatformRestClient, path: string): Promise<Json | undefined> => {
  const answer = await platform.get(path);
  return answer.status === 200 ? (answer.body as Json) : undefined;
};

const listOf = async (platform: PlatformRestClient, path: string): Promise<ReadonlyArray<Json> | undefined> => {
  const answer = await platform.get(path);
  return answer.status === 200 ? (answer.body as ReadonlyArray<Json>) : undefined;
};

/** Mangopay's truth, read once after the chaos (it no longer changes; and reading it again and again would spend its rate limit). */
export interface MangopayTruth {
  readonly documents: ReadonlyMap<string, Json>;
  readonly sessions: ReadonlyMap<string, Json>;
  readonly users: ReadonlyMap<string, Json>;
}

export const readMangopayTruth = async (mangopay: MangopaySide, scenario: DrivenScenario): Promise<MangopayTruth> => {
  const documents = new Map<string, Json>();
  const sessions = new Map<string, Json>();
  const users = new Map<string, Json>();
  for (const { id } of scenario.documents) documents.set(id, await mangopay.document(id));
  for (const { id } of scenario.sessions) sessions.set(id, await mangopay.session(id));
  for (const id of scenario.users) users.set(id, await mangopay.user(id));
  return { documents, sessions, users };
};

const truthOf = (map: ReadonlyMap<string, Json>, id: string): Json => {
  const truth = map.get(id);
  if (truth === undefined) throw new Error(`no truth read for ${id}`);
  return truth;
};

export const convergenceDivergences = async (platform: PlatformRestClient, mangopay: MangopayTruth, scenario: DrivenScenario): Promise<Divergence[]> => {
  const found: Divergence[] = [];
  const missing = (resource: Divergence['resource'], id: string, field: string, truth: unknown): void => void found.push({ resource, id, field, service: 'absent', mangopay: truth });
  const documentLists = new Map<string, ReadonlyArray<Json> | undefined>();
  const sessionLists = new Map<string, ReadonlyArray<Json> | undefined>();
  for (const userId of scenario.users) {
    documentLists.set(userId, await listOf(platform, `/users/${userId}/kyc/documents?Per_Page=100`));
    sessionLists.set(userId, await listOf(platform, `/users/${userId}/identity-verifications?Per_Page=100`));
  }
  for (const { id, userId } of scenario.documents) {
    const truth = truthOf(mangopay.documents, id);
    const view = await viewOf(platform, `/kyc/documents/${id}`);
    if (view === undefined) missing('document', id, '(view)', truth['Status']);
    else found.push(...fieldsOf('document', id, '', DOCUMENT_FIELDS, view, truth));
    const listed = documentLists.get(userId)?.find((item) => item['Id'] === id);
    if (listed === undefined) missing('document', id, 'list', truth['Status']);
    else found.push(...fieldsOf('document', id, 'list.', LISTED_DOCUMENT_FIELDS, listed, truth));
  }
  for (const { id, userId } of scenario.sessions) {
    const truth = truthOf(mangopay.sessions, id);
    const view = await viewOf(platform, `/identity-verifications/${id}`);
    if (view === undefined) missing('session', id, '(view)', truth['Status']);
    else {
      found.push(...fieldsOf('session', id, '', ['Status', 'UserId', 'Tag', 'CreationDate'], view, truth));
      found.push(...checkDivergences(id, (view['Checks'] as ReadonlyArray<Json> | undefined) ?? [], (truth['Checks'] as ReadonlyArray<Json> | undefined) ?? []));
    }
    const listed = sessionLists.get(userId)?.find((item) => item['Id'] === id);
    if (listed === undefined) missing('session', id, 'list', truth['Status']);
    else found.push(...fieldsOf('session', id, 'list.', ['Status'], listed, truth));
  }
  for (const userId of scenario.users) {
    const truth = truthOf(mangopay.users, userId);
    const view = await viewOf(platform, `/users/${userId}/kyc`);
    if (view === undefined) missing('user', userId, '(view)', truth['KYCLevel']);
    else found.push(...fieldsOf('user', userId, '', ['KYCLevel', 'PersonType', 'LegalPersonType', 'UserCategory'], view, truth));
  }
  // The service speaks seed 000's words for session statuses (its OpenAPI says so; DESIGN.md: "the domain speaks the
  // seeds' words" and the Mangopay adapter translates): REJECTED for Mangopay's REFUSED is the same state, not a divergence.
  return found.filter((divergence) => !isSeedWordForIt(divergence));
};

/** Seed 000's words for session statuses Mangopay's documentation renamed since (the simulator's table, read from both). */
const SEED_WORD_OF: Readonly<Record<string, string>> = { REFUSED: 'REJECTED', OUT_OF_DATE: 'OUTDATED', EXPIRED: 'TIMEOUT' };

/** Whether a difference is the same session status in seed 000's word rather than today's (the translation the adapter does). */
export const isSeedWordForIt = (d: Divergence): boolean =>
  d.resource === 'session' && /(^|\.)Status$/.test(d.field) && typeof d.mangopay === 'string' && SEED_WORD_OF[d.mangopay] === d.service;

/** How often each field diverged ("document Status: 3"), for the report. */
export const divergenceCounts = (divergences: ReadonlyArray<Divergence>): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const d of divergences) {
    const key = `${d.resource} ${d.field.replace(/\[[^\]]*\]/g, '[]')}${isSeedWordForIt(d) ? " (seed 000's word for Mangopay's)" : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};
