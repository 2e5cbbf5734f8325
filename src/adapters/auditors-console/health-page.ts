import type { InboxEntry, InboxEntryStatus } from '../../application/ports/webhook-inbox.js';
import type { SweepPass } from './console-dependencies.js';
import type { IndexedUser } from './console-user-index.js';
import { CONSOLE_PATH } from './console-layout.js';
import { html, type SafeHtml } from './html.js';

export interface HealthFigures {
  readonly inbox: Readonly<Record<InboxEntryStatus, number>> | undefined;
  readonly parked: ReadonlyArray<{ readonly entry: InboxEntry; readonly owner: string | undefined }>;
  /** Events the read model has not applied yet (counted up to `lagCap`), or undefined when it cannot be told. */
  readonly readModelLag: number | undefined;
  readonly lagCap: number;
  readonly lastSweep: SweepPass | undefined;
  readonly users: ReadonlyArray<IndexedUser>;
}

/** Divergences and anomalies per day (UTC), from the users' findings: the days with any, oldest first. */
export const findingsByDay = (users: ReadonlyArray<IndexedUser>): ReadonlyArray<{ readonly day: string; readonly divergences: number; readonly anomalies: number }> => {
  const days = new Map<string, { divergences: number; anomalies: number }>();
  const at = (day: string) => days.get(day) ?? { divergences: 0, anomalies: 0 };
  for (const user of users) {
    for (const d of user.divergences) days.set(d.occurredAt.slice(0, 10), { ...at(d.occurredAt.slice(0, 10)), divergences: at(d.occurredAt.slice(0, 10)).divergences + 1 });
    for (const a of user.anomalies) days.set(a.occurredAt.slice(0, 10), { ...at(a.occurredAt.slice(0, 10)), anomalies: at(a.occurredAt.slice(0, 10)).anomalies + 1 });
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, counts]) => ({ day, ...counts }));
};

/** A bar chart of the last days with findings, as SVG (no script); the table under it holds the same figures. */
const chart = (rows: ReturnType<typeof findingsByDay>): SafeHtml => {
  const shown = rows.slice(-30);
  const max = Math.max(1, ...shown.map((r) => Math.max(r.divergences, r.anomalies)));
  const band = 44;
  const height = 140;
  const scale = (n: number) => Math.round((n / max) * (height - 40));
  return html`<svg class="bars" role="img" aria-labelledby="findings-title" width="${shown.length * band + 20}" height="${height}" viewBox="0 0 ${shown.length * band + 20} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="findings-title">Divergences (red) and anomalies (amber) per day</title>
${shown.map((r, i) => html`<rect class="divergence" x="${10 + i * band}" y="${height - 20 - scale(r.divergences)}" width="16" height="${scale(r.divergences)}"><title>${r.day}: ${r.divergences} divergences</title></rect><rect class="anomaly" x="${28 + i * band}" y="${height - 20 - scale(r.anomalies)}" width="16" height="${scale(r.anomalies)}"><title>${r.day}: ${r.anomalies} anomalies</title></rect><text x="${10 + i * band}" y="${height - 6}">${r.day.slice(5)}</text>`)}
</svg>`;
};

export const healthPage = (figures: HealthFigures): SafeHtml => {
  const byDay = findingsByDay(figures.users);
  const inbox = figures.inbox;
  return html`<h1>Health</h1>
<div class="cards">
<div class="card"><div class="muted">Inbox: pending hooks</div><div class="figure">${inbox?.pending ?? '?'}</div></div>
<div class="card"><div class="muted">Inbox: parked hooks</div><div class="figure">${inbox?.parked ?? '?'}</div><div class="muted">after their last attempt; replayed by an operator</div></div>
<div class="card"><div class="muted">Inbox: processed / ignored (kept)</div><div class="figure">${inbox === undefined ? '?' : `${inbox.processed} / ${inbox.ignored}`}</div></div>
<div class="card"><div class="muted">Read model lag</div><div class="figure">${figures.readModelLag === undefined ? '?' : figures.readModelLag >= figures.lagCap ? `≥ ${figures.lagCap}` : String(figures.readModelLag)}</div><div class="muted">events recorded but not yet in the lists</div></div>
<div class="card"><div class="muted">Last sweep (this instance)</div><div class="figure">${figures.lastSweep === undefined ? 'none yet' : figures.lastSweep.at.replace('T', ' ').slice(0, 19)}</div>${figures.lastSweep === undefined ? html`<div class="muted">no pass with resources due since start</div>` : html`<div class="muted">${figures.lastSweep.due} due, ${figures.lastSweep.reconciled} reconciled, ${figures.lastSweep.recordedEvents} events, ${figures.lastSweep.deferred} deferred, ${figures.lastSweep.failures} failed</div>`}</div>
</div>
${inbox === undefined ? html`<p class="error" role="alert">The webhook inbox does not answer.</p>` : ''}
<h2>Parked hooks</h2>
${figures.parked.length === 0 ? html`<p class="muted">None.</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">event type</th><th scope="col">resource</th><th scope="col">user</th><th scope="col">received</th><th scope="col">attempts</th><th scope="col">last failure</th></tr></thead><tbody>
${figures.parked.map(({ entry, owner }) => html`<tr><td>${entry.sequence}</td><td><code>${entry.notification.eventType}</code></td><td>${entry.notification.resourceId}</td><td>${owner === undefined ? html`<span class="muted">unknown here</span>` : html`<a href="${CONSOLE_PATH}/users/${encodeURIComponent(owner)}">${owner}</a>`}</td><td>${entry.receivedAt}</td><td>${entry.attempts}</td><td><code>${entry.lastFailure?.type ?? '—'}</code></td></tr>`)}</tbody></table></div>`}
<h2>Divergences and anomalies over time</h2>
${byDay.length === 0 ? html`<p class="muted">None recorded.</p>` : html`${chart(byDay)}<div class="table-wrap"><table><thead><tr><th scope="col">day (UTC)</th><th scope="col">divergences</th><th scope="col">anomalies</th></tr></thead><tbody>${byDay.map((r) => html`<tr><td>${r.day}</td><td>${r.divergences}</td><td>${r.anomalies}</td></tr>`)}</tbody></table></div>`}`;
};
