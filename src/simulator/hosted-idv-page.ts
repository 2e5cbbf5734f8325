import * as E from 'fp-ts/lib/Either.js';
import { IDV_CHECKS_BY_PERSON_TYPE, IDV_REFUSAL_REASONS_BY_CHECK } from '../domain/idv-session/idv-check-rules.js';
import type { IdvCheckType } from '../domain/idv-session/idv-session.vocabulary.js';
import { IdvRefusalReason } from '../domain/idv-session/idv-session.vocabulary.js';
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

/** The hosted page of a session: what a person sees at its HostedUrl. */
export const hostedPage = (context: SimulatorContext, sessionId: string): Reply => {
  const session = context.store.sessions.get(sessionId);
  if (session === undefined) return page(404, 'Unknown verification session', '<p>This verification link is not valid.</p>');
  const { state } = session;
  if (state.status !== 'PENDING') {
    return page(
      200,
      'Identity verification',
      `<p id="status">This session is ${escapeHtml(state.status)}.</p><p><a id="return" href="${escapeHtml(state.returnUrl)}">Back to the platform</a></p>`,
    );
  }
  const checks = Object.keys(IDV_CHECKS_BY_PERSON_TYPE[state.personType]) as IdvCheckType[];
  // Each check offers only the refusal reasons seed 000's glossary lists for it.
  const selects = checks
    .map((check) => {
      const options = IDV_REFUSAL_REASONS_BY_CHECK[check].map((reason) => `<option value="${reason}">${reason}</option>`).join('');
      return `<label>${check} <select name="refusal_${check}" data-check="${check}"><option value="">(passes)</option>${options}</select></label><br>`;
    })
    .join('\n');
  return page(
    200,
    'Identity verification',
    `<p id="status">Session ${escapeHtml(state.sessionId)} is PENDING. Checks for a ${state.personType.toLowerCase()} user: ${checks.join(', ')}.</p>
<form method="post" id="outcome">
<fieldset><legend>Refusal reasons (for "Refuse")</legend>
${selects}
<label>Comment <input name="description" maxlength="255"></label>
</fieldset>
<button name="action" value="validate" id="validate">Validate</button>
<button name="action" value="refuse" id="refuse">Refuse</button>
<button name="action" value="review" id="review">Send to review</button>
<button name="action" value="timeout" id="timeout">Time out</button>
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
      return { status: 'TIMEOUT' };
    case 'error':
      return { status: 'ERROR' };
    case 'refuse': {
      const description = (form.get('description') ?? '').trim();
      const refusals: Partial<Record<IdvCheckType, { reason: IdvRefusalReason; description?: string }>> = {};
      for (const [name, value] of form) {
        if (!name.startsWith('refusal_') || value === '' || !IdvRefusalReason.is(value)) continue;
        refusals[name.slice('refusal_'.length) as IdvCheckType] = { reason: value, ...(description === '' ? {} : { description }) };
      }
      return { status: 'REJECTED', refusals };
    }
    default:
      return undefined;
  }
};

/** The person's choice: the session is settled through the decider, then the browser is sent on to the ReturnUrl. */
export const completeHostedSession = (context: SimulatorContext, sessionId: string, form: URLSearchParams): Reply => {
  const outcome = outcomeOf(form);
  if (outcome === undefined) return page(400, 'Identity verification', '<p id="problem">Choose an outcome.</p>');
  const settled = settleSession(context, sessionId, outcome);
  if (E.isLeft(settled)) {
    const body = settled.left.body as { readonly errors?: Record<string, string> | null; readonly Message?: string } | undefined;
    const reasons = Object.values(body?.errors ?? {}).map((reason) => `<li>${escapeHtml(reason)}</li>`).join('');
    return page(
      settled.left.status,
      'Identity verification',
      `<p id="problem">${escapeHtml(body?.Message ?? 'The outcome was refused.')}</p><ul>${reasons}</ul><p><a href="">Back</a></p>`,
    );
  }
  // The browser leaves for the ReturnUrl from the page (as Mangopay's hosted front end does), not by a 303.
  const target = escapeHtml(settled.right.returnUrl);
  return {
    ...page(
      200,
      'Identity verification finished',
      `<p id="status">Session ${escapeHtml(settled.right.sessionId)} is ${escapeHtml(settled.right.status)}.</p><p><a id="return" href="${target}">Back to the platform</a></p>`,
    ),
    headers: { refresh: `0; url=${new URL(settled.right.returnUrl).href}` },
  };
};
