import { escapeControls } from '../../application/audit/index.js';
import { CONSOLE_PATH } from './console-layout.js';
import { html, type SafeHtml } from './html.js';
import { stateDiagram, takenPathOf } from './state-diagram.js';
import { missingForRegularHtml } from './users-page.js';
import type { UserReport } from './user-report.js';
import { MASK, type ConsoleEntry, type ConsoleStream } from './user-streams.js';

export interface UserPageContext {
  /** `screen` has the reveal forms; `print` is the printable export (no forms, the rules' version at the top). */
  readonly mode: 'screen' | 'print';
  readonly csrfToken: string;
  readonly rulesVersion: string;
  readonly pagePolicyName: string;
  readonly generatedAt: string;
}

const anchorOf = (streamName: string): string => `stream-${streamName.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Text from the event log, shown on one line whatever it holds (control characters escaped, then HTML-escaped by `html`). */
const line = (text: string): string => escapeControls(text);

const sourceBadges = (entry: ConsoleEntry): SafeHtml =>
  html`${entry.sources.map((source) => html`<span class="badge ${source === 'divergence' ? 'divergence' : source === 'anomaly' ? 'anomaly' : 'source'}">${source}</span>`)}`;

const entryRow = (entry: ConsoleEntry): SafeHtml => {
  const cls = entry.divergence ? 'divergence' : entry.anomalies.length > 0 ? 'anomaly' : '';
  return html`<tr${cls === '' ? '' : html` class="${cls}"`}><td>v${entry.streamVersion}</td><td><time datetime="${entry.occurredAt}">${entry.occurredAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time></td>
<td>${sourceBadges(entry)}</td><td>${line(entry.summary)}${
    entry.anomalies.length === 0
      ? ''
      : html`<br><strong>Anomal${entry.anomalies.length === 1 ? 'y' : 'ies'}</strong> (recorded as Mangopay decided): ${entry.anomalies.map((a, i) => html`${i > 0 ? ', ' : ''}<code>${line(a.path)}</code> breaks <code>${line(a.rule)}</code>`)}`
  }</td><td><code>${entry.type}</code><br><span class="muted">${line(entry.commandId)}</span></td></tr>`;
};

const personalRows = (stream: ConsoleStream, context: UserPageContext): SafeHtml => {
  const points = stream.entries.flatMap((entry) => entry.personal.map((point) => ({ entry, point })));
  if (points.length === 0) return html``;
  return html`<h4>Personal data in this stream</h4>
<p class="muted">${points.length} value${points.length === 1 ? '' : 's'}, masked. Revealing one needs a reason, and the access is recorded for this user.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">event</th><th scope="col">what</th><th scope="col">field</th><th scope="col">value</th></tr></thead><tbody>
${points.map(({ entry, point }, i) => {
  const formId = `${anchorOf(stream.streamName)}-reveal-${i}`;
  return html`<tr><td>v${entry.streamVersion} <code>${entry.type}</code></td><td>${line(point.label)}</td><td><code>${point.field}</code></td><td>${
    point.erased
      ? html`<span class="badge erased">erased</span>`
      : html`<span aria-label="masked value">${MASK}</span>${
          context.mode === 'screen'
            ? html`<details class="reveal"><summary>Reveal…</summary><form method="post" action="${CONSOLE_PATH}/reveal">
<input type="hidden" name="csrf" value="${context.csrfToken}"><input type="hidden" name="streamName" value="${stream.streamName}">
<input type="hidden" name="streamVersion" value="${entry.streamVersion}"><input type="hidden" name="field" value="${point.field}">
<label for="${formId}">Reason for revealing this value (recorded)</label><textarea id="${formId}" name="reason" required minlength="10" maxlength="500"></textarea>
<button class="primary" type="submit">Reveal and record the access</button></form></details>`
            : ''
        }`
  }</td></tr>`;
})}</tbody></table></div>`;
};

const streamSection = (stream: ConsoleStream, context: UserPageContext): SafeHtml => {
  const initial = stream.subject.lifecycle[0] as string;
  const divergences = stream.entries.filter((e) => e.divergence).length;
  const anomalies = stream.entries.filter((e) => e.anomalies.length > 0).length;
  return html`<section id="${anchorOf(stream.streamName)}" aria-labelledby="${anchorOf(stream.streamName)}-h">
<h3 id="${anchorOf(stream.streamName)}-h">${stream.streamName} <span class="badge">${stream.status}</span>${divergences > 0 ? html`<span class="badge divergence">${divergences} divergence${divergences === 1 ? '' : 's'}</span>` : ''}${anomalies > 0 ? html`<span class="badge anomaly">${anomalies} anomal${anomalies === 1 ? 'y' : 'ies'}</span>` : ''}</h3>
${stateDiagram(anchorOf(stream.streamName), stream.subject.transitions, stream.subject.lifecycle, takenPathOf(initial, stream.entries))}
<div class="table-wrap"><table><caption class="muted">Timeline of ${stream.streamName}, one row per event</caption><thead><tr><th scope="col">version</th><th scope="col">recorded at</th><th scope="col">source</th><th scope="col">what happened</th><th scope="col">event, command</th></tr></thead>
<tbody>${stream.entries.map(entryRow)}</tbody></table></div>
${personalRows(stream, context)}</section>`;
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const KIND_LABEL: Readonly<Record<string, string>> = { KycDocument: 'KYC document', IdvSession: 'IDV session', UserKyc: 'KYC level' };

export const userPage = (report: UserReport, context: UserPageContext): SafeHtml => {
  const { summary } = report;
  const resources = report.streams.filter((s) => s.kind !== 'UserKyc');
  const userPath = `${CONSOLE_PATH}/users/${encodeURIComponent(report.userId)}`;
  return html`<h1>User ${report.userId}</h1>
${context.mode === 'print' ? html`<p class="notice">Audit export of user ${report.userId}, generated ${context.generatedAt}. Judged under rules version <code>${context.rulesVersion}</code>, page policy <code>${context.pagePolicyName}</code>. Personal values are masked.</p>` : html`<p class="no-print"><a href="${userPath}/timeline.json">Export the timeline as JSON</a> · <a href="${userPath}/print">Printable page</a> (print it to PDF from the browser) · rules version <code>${context.rulesVersion}</code></p>`}
<dl class="cards">
<div class="card"><dt>KYC level</dt><dd class="figure">${summary?.kycLevel ?? 'not observed'}</dd></div>
<div class="card"><dt>User</dt><dd>${summary === undefined ? 'not observed at Mangopay yet' : `${summary.personType}${summary.legalPersonType === null ? '' : ` ${summary.legalPersonType}`}, ${summary.userCategory}`}</dd></div>
<div class="card"><dt>Missing for REGULAR</dt><dd>${missingForRegularHtml(summary)}</dd></div>
<div class="card"><dt>Personal data</dt><dd>${summary?.personalDataErasedAt == null ? 'kept, sealed per user' : html`<span class="badge erased">erased</span> ${new Date(summary.personalDataErasedAt * 1000).toISOString()}`}</dd></div>
<div class="card"><dt>Findings</dt><dd><span class="badge divergence">${plural(report.indexed.divergences.length, 'divergence', 'divergences')}</span> <span class="badge anomaly">${plural(report.indexed.anomalies.length, 'anomaly', 'anomalies')}</span></dd></div>
</dl>
${report.unreadable.map((u) => html`<p class="error" role="alert">${u.streamName} cannot be read from version ${u.streamVersion} on (damaged at rest); its timeline is left out until it is repaired.</p>`)}
<h2>Documents and sessions</h2>
${resources.length === 0 ? html`<p class="muted">None.</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">resource</th><th scope="col">id</th><th scope="col">status</th><th scope="col">events</th><th scope="col">findings</th></tr></thead><tbody>
${resources.map((s) => {
  const divergences = s.entries.filter((e) => e.divergence).length;
  const anomalies = s.entries.filter((e) => e.anomalies.length > 0).length;
  return html`<tr><td>${KIND_LABEL[s.kind] ?? s.kind}</td><td><a href="#${anchorOf(s.streamName)}">${s.streamName.slice(s.kind.length + 1)}</a></td><td>${s.status}</td><td>${s.entries.length}</td><td>${divergences > 0 ? html`<span class="badge divergence">divergence</span>` : ''}${anomalies > 0 ? html`<span class="badge anomaly">anomaly</span>` : ''}</td></tr>`;
})}</tbody></table></div>`}
<h2>Timelines</h2>
<p class="muted">Each event with its source: <em>platform command</em>, <em>hook</em> (a Mangopay notification, re-fetched), <em>sweep</em>, <em>inferred step</em> (a legal step Mangopay must have taken, recorded from a later observation), <em>divergence</em> (Mangopay shows a status no legal step leads to; the state is kept), <em>anomaly</em> (an outcome that breaks the seeds' rules, recorded as Mangopay decided), <em>erasure</em>.</p>
${report.streams.map((s) => streamSection(s, context))}
<h2 id="access-log">Access log</h2>
${report.accesses.length === 0 ? html`<p class="muted">No personal value of this user has been revealed in the console.</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">when</th><th scope="col">by</th><th scope="col">value revealed</th><th scope="col">reason given</th></tr></thead><tbody>
${report.accesses.map((a) => html`<tr><td>${a.at}</td><td>${a.keyId} (${a.role})</td><td>${line(a.label)} in ${a.streamName} v${a.streamVersion} <code>${a.field}</code></td><td>${line(a.reason)}</td></tr>`)}</tbody></table></div>`}`;
};
