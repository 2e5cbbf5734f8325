import { timingSafeEqual } from 'node:crypto';
import { checksFor, REASONS_BY_CHECK } from './idv-check-rules.js';
import type { SimulatorContext } from './simulator-context.js';
import type { Reply } from './simulator-reply.js';
import { settleSession, type SessionOutcome } from './session-settlement.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const page = (status: number, title: string, body: string): Reply => ({
  status,
  html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto}fieldset{margin:1rem 0}button{margin:.25rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
});

/** The session a hosted link names, when its token is the session's own (compared in constant time). */
export const sessionOfLink = (context: SimulatorContext, sessionId: string, token: string) => {
  const session = context.store.sessions.get(sessionId);
  if (session === undefined) return undefined;
  const given = Buffer.from(token);
  const expected = Buffer.from(session.hostedToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? session : undefined;
};

const unknownLink = (): Reply => page(404, 'Unknown verification session', '<p>This verification link is not valid.</p>');

/** The hosted page of a session: what a person sees at its HostedUrl (the session's id and its token). */
export const hostedPage = (context: SimulatorContext, sessionId: string, token: string): Reply => {
  const session = sessionOfLink(context, sessionId, token);
  if (session === undefined) return unknownLink();
  const user = context.store.users.get(session.userId);
  if (session.status !== 'PENDING' || user === undefined) {
    return page(
      200,
      'Identity verification',
      `<p id="status">This session is ${escapeHtml(session.status)}.</p><p><a id="return" href="${escapeHtml(session.returnUrl)}">Back to the platform</a></p>`,
    );
  }
  const checks = checksFor(context.settings.era, user.personType, user.legalPersonType).map(([type]) => type);
  // Each check offers the refusal reasons Mangopay lists for it (none listed: the check is not offered for refusal).
  const selects = checks
    .filter((check) => REASONS_BY_CHECK[check] !== undefined)
    .map((check) => {
      const options = (REASONS_BY_CHECK[check] ?? []).map((reason) => `<option value="${reason}">${reason}</option>`).join('');
      return `<label>${check} <select name="refusal_${check}" data-check="${check}"><option value="">(passes)</option>${options}</select></label><br>`;
    })
    .join('\n');
  const kind = user.personType === 'NATURAL' ? 'natural' : 'legal';
  return page(
    200,
    'Identity verification',
    `<p id="status">Session ${escapeHtml(session.id)} is PENDING. Checks for a ${kind} user: ${checks.join(', ')}.</p>
<form method="post" id="outcome">
<fieldset><legend>Refusal reasons (for "Refuse")</legend>
${selects}
<label>Comment <input name="description" maxlength="255"></label>
</fieldset>
<button name="action" value="validate" id="validate">Validate</button>
<button name="action" value="refuse" id="refuse">Refuse</button>
${user.personType === 'LEGAL' ? '<button name="action" value="review" id="review">Send to review</button>\n' : ''}<button name="action" value="timeout" id="timeout">Time out</button>
<button name="action" value="error" id="error">Error</button>
</form>`,
  );
};

const outcomeOf = (form: URLSearchParams): SessionOutcome | undefined => {
  switch (form.get('action')) {
    case 'validate':
      return { status: 'VALIDATED' };
    case 'review':
      return { status: 'REVIEW' };
    case 'timeout':
      return { status: 'EXPIRED' };
    case 'error':
      return { status: 'ERROR' };
    case 'refuse': {
      const description = (form.get('description') ?? '').trim();
      const refusals: Record<string, { reason: string; description?: string }> = {};
      for (const [name, value] of form) {
        if (!name.startsWith('refusal_') || value === '') continue;
        refusals[name.slice('refusal_'.length)] = { reason: value, ...(description === '' ? {} : { description }) };
      }
      return { status: 'REFUSED', refusals };
    }
    default:
      return undefined;
  }
};

/** The person's choice: the session is settled, then the browser is sent on to the ReturnUrl. */
export const completeHostedSession = (context: SimulatorContext, sessionId: string, token: string, form: URLSearchParams): Reply => {
  if (sessionOfLink(context, sessionId, token) === undefined) return unknownLink();
  const outcome = outcomeOf(form);
  if (outcome === undefined) return page(400, 'Identity verification', '<p id="problem">Choose an outcome.</p>');
  const settled = settleSession(context, sessionId, outcome);
  if (!('hostedUrl' in settled)) {
    const body = settled.body as { readonly errors?: Record<string, string> | null; readonly Message?: string } | undefined;
    const reasons = Object.values(body?.errors ?? {}).map((reason) => `<li>${escapeHtml(reason)}</li>`).join('');
    return page(
      settled.status,
      'Identity verification',
      `<p id="problem">${escapeHtml(body?.Message ?? 'The outcome was refused.')}</p><ul>${reasons}</ul><p><a href="">Back</a></p>`,
    );
  }
  // The browser leaves for the ReturnUrl from the page (as Mangopay's hosted front end does), not by a 303.
  const target = escapeHtml(settled.returnUrl);
  return {
    ...page(
      200,
      'Identity verification finished',
      `<p id="status">Session ${escapeHtml(settled.id)} is ${escapeHtml(settled.status)}.</p><p><a id="return" href="${target}">Back to the platform</a></p>`,
    ),
    headers: { refresh: `0; url=${new URL(settled.returnUrl).href}` },
  };
};
