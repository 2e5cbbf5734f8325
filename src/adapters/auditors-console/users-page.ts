import type { UserKycSummary } from '../../application/ports/kyc-read-model.js';
import type { IndexedUser } from './console-user-index.js';
import { CONSOLE_PATH } from './console-layout.js';
import { html, type SafeHtml } from './html.js';

export type UsersFilter = 'divergences' | 'anomalies' | 'parked';

export interface UsersQuery {
  readonly q: string;
  readonly level: 'LIGHT' | 'REGULAR' | 'UNKNOWN' | '';
  readonly has: ReadonlyArray<UsersFilter>;
  readonly page: number;
}

export interface ListedUser {
  readonly indexed: IndexedUser;
  readonly summary: UserKycSummary | undefined;
  readonly parkedHooks: number;
}

export const USERS_PER_PAGE = 50;

/** The users a query selects, in user id order (the level as the user's stream last recorded it). */
export const selectUsers = (users: ReadonlyArray<IndexedUser>, query: UsersQuery, parked: ReadonlyMap<string, number>): ReadonlyArray<IndexedUser> =>
  users.filter(
    (user) =>
      (query.q === '' || user.userId.includes(query.q)) &&
      (query.level === '' || (user.kycLevel ?? 'UNKNOWN') === query.level) &&
      (!query.has.includes('divergences') || user.divergences.length > 0) &&
      (!query.has.includes('anomalies') || user.anomalies.length > 0) &&
      (!query.has.includes('parked') || (parked.get(user.userId) ?? 0) > 0),
  );

/** What the user still needs for REGULAR, as the read model says it (also on the user's page). */
export const missingForRegularHtml = (summary: UserKycSummary | undefined): SafeHtml => {
  if (summary === undefined) return html`<span class="muted">user not observed yet</span>`;
  if (summary.kycLevel === 'REGULAR') return html`nothing`;
  const missing = summary.missingForRegular;
  if (missing === null) return html`<span class="muted">cannot be told: a user type or category the seeds do not know</span>`;
  if (missing.length === 0) return html`nothing (awaiting Mangopay)`;
  return html`${missing.map((type, i) => html`${i > 0 ? ', ' : ''}<code>${type}</code>`)} <span class="muted">or a validated IDV session</span>`;
};

export const usersPage = (query: UsersQuery, listed: ReadonlyArray<ListedUser>, total: number): SafeHtml => {
  const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE));
  const link = (page: number) => {
    const params = new URLSearchParams();
    if (query.q !== '') params.set('q', query.q);
    if (query.level !== '') params.set('level', query.level);
    for (const has of query.has) params.append('has', has);
    params.set('page', String(page));
    return `${CONSOLE_PATH}/users?${params.toString()}`;
  };
  const box = (value: UsersFilter, label: string) =>
    html`<input type="checkbox" id="has-${value}" name="has" value="${value}"${query.has.includes(value) ? html` checked` : ''}> <label for="has-${value}">${label}</label>`;
  const option = (value: string, label: string) => html`<option value="${value}"${query.level === value ? html` selected` : ''}>${label}</option>`;
  return html`<h1>Users</h1>
<form class="filters" method="get" action="${CONSOLE_PATH}/users" role="search">
<div><label for="q">User id</label><input type="search" id="q" name="q" value="${query.q}" maxlength="255" autocomplete="off"></div>
<div><label for="level">KYC level</label><select id="level" name="level">${option('', 'any')}${option('LIGHT', 'LIGHT')}${option('REGULAR', 'REGULAR')}${option('UNKNOWN', 'not observed yet')}</select></div>
<fieldset><legend class="muted">Has</legend>${box('divergences', 'divergences')} ${box('anomalies', 'anomalies')} ${box('parked', 'parked hooks')}</fieldset>
<button class="primary" type="submit">Search</button></form>
<p class="muted" aria-live="polite">${total} user${total === 1 ? '' : 's'} found${pages > 1 ? `, page ${query.page} of ${pages}` : ''}.</p>
<div class="table-wrap"><table><caption class="skip">Users</caption><thead><tr><th scope="col">user</th><th scope="col">KYC level</th><th scope="col">missing for REGULAR</th><th scope="col">personal data</th><th scope="col">findings</th></tr></thead><tbody>
${listed.map(
  ({ indexed, summary, parkedHooks }) => html`<tr><td><a href="${CONSOLE_PATH}/users/${encodeURIComponent(indexed.userId)}">${indexed.userId}</a>${summary === undefined ? '' : html` <span class="muted">${summary.personType}${summary.legalPersonType === null ? '' : ` ${summary.legalPersonType}`} ${summary.userCategory}</span>`}</td>
<td><span class="badge level-${summary?.kycLevel ?? 'UNKNOWN'}">${summary?.kycLevel ?? 'not observed'}</span></td>
<td>${missingForRegularHtml(summary)}</td>
<td>${summary?.personalDataErasedAt == null ? 'kept (sealed)' : html`<span class="badge erased">erased ${new Date(summary.personalDataErasedAt * 1000).toISOString().slice(0, 10)}</span>`}</td>
<td>${indexed.divergences.length > 0 ? html`<span class="badge divergence">${indexed.divergences.length} divergence${indexed.divergences.length === 1 ? '' : 's'}</span>` : ''}${indexed.anomalies.length > 0 ? html`<span class="badge anomaly">${indexed.anomalies.length} anomal${indexed.anomalies.length === 1 ? 'y' : 'ies'}</span>` : ''}${parkedHooks > 0 ? html`<span class="badge parked">${parkedHooks} parked hook${parkedHooks === 1 ? '' : 's'}</span>` : ''}${indexed.divergences.length + indexed.anomalies.length + parkedHooks === 0 ? html`<span class="muted">none</span>` : ''}</td></tr>`,
)}
</tbody></table></div>
${pages > 1 ? html`<nav aria-label="Pages">${query.page > 1 ? html`<a href="${link(query.page - 1)}">Previous</a> ` : ''}${query.page < pages ? html`<a href="${link(query.page + 1)}">Next</a>` : ''}</nav>` : ''}`;
};
