import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { escapeControls } from '../../application/audit/index.js';
import type { AuditorsConsoleDependencies } from './console-dependencies.js';
import { CsrfForm, RevealForm, RulesParam, SignInForm, UserParam, UsersQueryCodec } from './console-forms.js';
import { CONSOLE_PATH, consolePage, STYLESHEET_PATH, type ConsoleSection } from './console-layout.js';
import { clearSessionCookie, CONSOLE_HEADERS, fromSameOrigin, sessionIdOf, setSessionCookie } from './console-security.js';
import { createConsoleSessions, csrfMatches, type ConsoleSession } from './console-sessions.js';
import { CONSOLE_CSS } from './console-styles.js';
import { createConsoleUserIndex } from './console-user-index.js';
import { healthPage } from './health-page.js';
import { html, type SafeHtml } from './html.js';
import { RULES_PATH, rulesPage } from './rules-page.js';
import { signInPage } from './sign-in-page.js';
import { timelineExport } from './timeline-export.js';
import { userPage } from './user-page.js';
import { subjectOf, userReport } from './user-report.js';
import { selectUsers, USERS_PER_PAGE, usersPage, type UsersFilter, type UsersQuery } from './users-page.js';
import { personalValueAt } from './user-streams.js';

/** Form bodies are small: a reason of 500 characters and a few ids. */
const FORM_BODY_LIMIT = 8 * 1024;
/** Events counted past the read model's checkpoint before the Health page says "at least". */
const LAG_CAP = 1_000;
/** Sign-in attempts per minute from one address: keys are long random strings, but guessing should still be slow. */
const SIGN_INS_PER_MINUTE = 10;

/** Thrown by the rate limiter (its error builder's answer), answered as a page by the console's error handler. */
class TooManySignIns extends Error {
  readonly statusCode = 429;
  constructor() {
    super('TOO_MANY_SIGN_INS');
  }
}

const decode = <A>(codec: t.Type<A, unknown, unknown>, value: unknown): A | undefined => {
  const result = codec.decode(value ?? {});
  return E.isRight(result) ? result.right : undefined;
};

/**
 * The auditors' console at /console: server-rendered pages, read-only over the event log, the read model and the
 * inbox. It signs in with an API key into a server-side session (the key is never kept) and writes nothing but its
 * own access log, before any personal value is shown.
 */
export const registerAuditorsConsole = (app: FastifyInstance, deps: AuditorsConsoleDependencies): void => {
  const sessions = createConsoleSessions(() => deps.now().getTime());
  const index = createConsoleUserIndex(deps.store, [deps.users.aggregate, deps.documents.aggregate, deps.sessions.aggregate]);
  const report = userReport(deps, index);
  const diagrams = { 'kyc-document.md': deps.documents, 'idv-session.md': deps.sessions, 'user-kyc.md': deps.users };

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      // The last value of a repeated field wins; the codecs decide what each must be.
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.addHook('onSend', async (_request, reply, payload) => {
      void reply.headers(CONSOLE_HEADERS);
      return payload;
    });
    await scope.register(rateLimit, { global: false, keyGenerator: (request) => request.ip, errorResponseBuilder: () => new TooManySignIns() });
    // A body too large, a form that is not one, too many sign-ins: a page, never a stack trace or the service's JSON.
    scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const status = error instanceof TooManySignIns ? 429 : error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) reply.log.error('console page failed unexpectedly');
      const message = status === 429 ? 'Too many sign-in attempts from this address: wait a minute.' : status === 500 ? 'Unexpected failure.' : 'This request cannot be read.';
      return send(reply, status, 'Problem', 'none', undefined, html`<h1>Cannot answer</h1><p class="error" role="alert">${message}</p>`);
    });

    const send = (reply: FastifyReply, status: number, title: string, section: ConsoleSection, session: ConsoleSession | undefined, body: SafeHtml) =>
      reply.code(status).type('text/html; charset=utf-8').send(consolePage({ title, section, session, body }));
    const problem = (reply: FastifyReply, session: ConsoleSession | undefined, status: number, message: string) =>
      send(reply, status, 'Problem', 'none', session, html`<h1>${status === 404 ? 'Not found' : 'Cannot answer'}</h1><p class="error" role="alert">${message}</p>`);

    /** The signed-in session, or the answer already sent: pages go to sign-in, forms are refused. */
    const signedIn = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined => {
      const session = sessions.find(sessionIdOf(request));
      if (session !== undefined) return session;
      if (request.method === 'GET') void reply.code(303).header('location', `${CONSOLE_PATH}/sign-in`).send();
      else void problem(reply, undefined, 401, 'Your session has ended: sign in again.');
      return undefined;
    };
    /** A form from this console, in this session: same origin and the session's CSRF token. */
    const formChecked = (request: FastifyRequest, reply: FastifyReply, session: ConsoleSession, csrf: string | undefined): boolean => {
      if (fromSameOrigin(request) && csrf !== undefined && csrfMatches(session, csrf)) return true;
      void problem(reply, session, 403, 'This form did not come from your console session: reload the page and try again.');
      return false;
    };

    scope.get(STYLESHEET_PATH, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(CONSOLE_CSS));
    scope.get(CONSOLE_PATH, async (request, reply) =>
      reply.code(303).header('location', sessions.find(sessionIdOf(request)) === undefined ? `${CONSOLE_PATH}/sign-in` : `${CONSOLE_PATH}/users`).send(),
    );
    scope.get(`${CONSOLE_PATH}/sign-in`, async (_request, reply) => send(reply, 200, 'Sign in', 'none', undefined, signInPage()));

    scope.post(`${CONSOLE_PATH}/sign-in`, { config: { rateLimit: { max: SIGN_INS_PER_MINUTE, timeWindow: 60_000 } } }, async (request, reply) => {
      if (!fromSameOrigin(request)) return send(reply, 403, 'Sign in', 'none', undefined, signInPage('Sign in from the console’s own page.'));
      const form = decode(SignInForm, request.body);
      const identity = form === undefined ? undefined : deps.identifyKey(form.key);
      // Never says why: an unknown key and a malformed one read the same, and neither is echoed.
      if (identity === undefined) return send(reply, 401, 'Sign in', 'none', undefined, signInPage('That key does not open the console.'));
      const session = sessions.open(identity);
      return setSessionCookie(reply, request, session.id, deps.secureCookies).code(303).header('location', `${CONSOLE_PATH}/users`).send();
    });

    scope.post(`${CONSOLE_PATH}/sign-out`, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      if (!formChecked(request, reply, session, decode(CsrfForm, request.body)?.csrf)) return reply;
      sessions.close(session.id);
      return clearSessionCookie(reply, request, deps.secureCookies).code(303).header('location', `${CONSOLE_PATH}/sign-in`).send();
    });

    scope.get(`${CONSOLE_PATH}/users`, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const decoded = decode(UsersQueryCodec, request.query);
      if (decoded === undefined) return problem(reply, session, 400, 'The search is not one this page offers.');
      const has = decoded.has === undefined ? [] : Array.isArray(decoded.has) ? decoded.has : [decoded.has as UsersFilter];
      const query: UsersQuery = { q: decoded.q ?? '', level: decoded.level ?? '', has, page: Number(decoded.page ?? '1') };
      const caught = await index.caughtUp();
      if (E.isLeft(caught)) return problem(reply, session, 503, 'The event store does not answer; try again shortly.');
      const parkedEntries = await deps.inbox.list({ status: 'parked', limit: 1_000 })();
      const parked = new Map<string, number>();
      if (E.isRight(parkedEntries)) {
        for (const entry of parkedEntries.right) {
          const owner = index.ownerOf(entry.notification.resourceId);
          if (owner !== undefined) parked.set(owner, (parked.get(owner) ?? 0) + 1);
        }
      }
      const selected = selectUsers(index.users(), query, parked);
      const shown = selected.slice((query.page - 1) * USERS_PER_PAGE, query.page * USERS_PER_PAGE);
      const upToDate = await deps.readModelCaughtUp();
      if (E.isLeft(upToDate)) return problem(reply, session, 503, 'The read model does not answer; try again shortly.');
      const listed = [];
      for (const indexed of shown) {
        const summary = await deps.readModel.userKyc(indexed.userId)();
        if (E.isLeft(summary)) return problem(reply, session, 503, 'The read model does not answer; try again shortly.');
        listed.push({ indexed, summary: summary.right, parkedHooks: parked.get(indexed.userId) ?? 0 });
      }
      const body = usersPage(query, listed, selected.length);
      return send(reply, 200, 'Users', 'users', session, E.isRight(parkedEntries) ? body : html`<p class="error" role="alert">The webhook inbox does not answer: parked hooks are not counted.</p>${body}`);
    });

    const withReport = async (request: FastifyRequest, reply: FastifyReply, render: (session: ConsoleSession, r: NonNullable<Awaited<ReturnType<ReturnType<typeof report>>> extends E.Either<unknown, infer R> ? R : never>) => unknown) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const params = decode(UserParam, request.params);
      if (params === undefined) return problem(reply, session, 400, 'That is not a user id.');
      const read = await report(params.userId)();
      if (E.isLeft(read)) return problem(reply, session, 503, 'The stores do not answer; try again shortly.');
      if (read.right === undefined) return problem(reply, session, 404, 'No event names this user.');
      return render(session, read.right);
    };
    const context = (session: ConsoleSession, mode: 'screen' | 'print') => ({
      mode,
      csrfToken: session.csrfToken,
      rulesVersion: deps.rulesVersion,
      pagePolicyName: deps.pagePolicyName,
      generatedAt: deps.now().toISOString(),
    });

    scope.get(`${CONSOLE_PATH}/users/:userId`, async (request, reply) =>
      withReport(request, reply, (session, r) => send(reply, 200, `User ${r.userId}`, 'users', session, userPage(r, context(session, 'screen')))),
    );
    scope.get(`${CONSOLE_PATH}/users/:userId/print`, async (request, reply) =>
      withReport(request, reply, (session, r) => send(reply, 200, `Audit export of user ${r.userId}`, 'users', session, userPage(r, context(session, 'print')))),
    );
    scope.get(`${CONSOLE_PATH}/users/:userId/timeline.json`, async (request, reply) =>
      withReport(request, reply, (_session, r) =>
        reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="user-${r.userId.replace(/[^A-Za-z0-9_-]/g, '_')}-timeline.json"`)
          .send(JSON.stringify(timelineExport(r, { rulesVersion: deps.rulesVersion, pagePolicyName: deps.pagePolicyName, generatedAt: deps.now().toISOString() }), null, 2)),
      ),
    );

    scope.post(`${CONSOLE_PATH}/reveal`, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const body = request.body as { readonly csrf?: unknown } | undefined;
      if (!formChecked(request, reply, session, typeof body?.csrf === 'string' ? body.csrf : undefined)) return reply;
      const form = decode(RevealForm, request.body);
      if (form === undefined) return problem(reply, session, 400, 'A reveal needs a reason of at least 10 characters (at most 500). Go back and give one.');
      const subject = subjectOf(deps, form.streamName);
      const caught = await index.caughtUp();
      if (subject === undefined || E.isLeft(caught)) return problem(reply, session, 503, 'The event store does not answer; try again shortly.');
      const userId = index.ownerOf(form.streamName.slice(subject.aggregate.name.length + 1));
      const found = await personalValueAt(deps.store, deps.vault, subject)(form.streamName, Number(form.streamVersion), form.field)();
      if (E.isLeft(found)) return problem(reply, session, 503, 'That stream cannot be read now.');
      if (found.right === undefined || userId === undefined) return problem(reply, session, 404, 'There is no personal value there.');
      const back = `${CONSOLE_PATH}/users/${encodeURIComponent(userId)}`;
      if (typeof found.right.value !== 'string') {
        return send(reply, 200, 'Erased', 'users', session, html`<h1>Nothing to reveal</h1><p>This value was erased with the user's key; nothing was recorded.</p><p><a href="${back}">Back to user ${userId}</a></p>`);
      }
      const entry = {
        at: deps.now().toISOString(),
        keyId: session.identity.keyId,
        role: session.identity.role,
        userId,
        streamName: form.streamName,
        streamVersion: Number(form.streamVersion),
        field: form.field,
        label: found.right.label,
        reason: form.reason.trim(),
      };
      const recorded = await deps.accessLog.record(entry)();
      // The value is shown only once its access is kept.
      if (E.isLeft(recorded)) return problem(reply, session, 503, 'The access could not be recorded, so the value is not shown.');
      return send(
        reply,
        200,
        'Revealed',
        'users',
        session,
        html`<h1>Revealed: ${escapeControls(entry.label)}</h1>
<div class="revealed" role="status"><p>${entry.streamName} v${entry.streamVersion}, <code>${entry.field}</code></p><p class="value" id="revealed-value">${escapeControls(found.right.value)}</p></div>
<h2>Recorded access</h2><table><tbody><tr><th scope="row">when</th><td>${entry.at}</td></tr><tr><th scope="row">by</th><td>${entry.keyId} (${entry.role})</td></tr><tr><th scope="row">reason</th><td id="recorded-reason">${escapeControls(entry.reason)}</td></tr></tbody></table>
<p><a href="${back}#access-log">Back to user ${userId} (access log)</a></p>`,
      );
    });

    scope.get(RULES_PATH, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const body = rulesPage(deps.rulesPages(), 'README.md', diagrams, deps.rulesVersion);
      return body === undefined ? problem(reply, session, 404, 'No such rules page.') : send(reply, 200, 'Rules', 'rules', session, body);
    });
    scope.get(`${RULES_PATH}/:page`, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const params = decode(RulesParam, request.params);
      const body = params === undefined ? undefined : rulesPage(deps.rulesPages(), `${params.page}.md`, diagrams, deps.rulesVersion);
      return body === undefined ? problem(reply, session, 404, 'No such rules page.') : send(reply, 200, 'Rules', 'rules', session, body);
    });

    scope.get(`${CONSOLE_PATH}/health`, async (request, reply) => {
      const session = signedIn(request, reply);
      if (session === undefined) return reply;
      const caught = await index.caughtUp();
      const counts = await deps.inbox.countByStatus()();
      const parked = await deps.inbox.list({ status: 'parked', limit: 100 })();
      const checkpoint = await deps.readModelCheckpoint();
      const behind = E.isLeft(checkpoint)
        ? undefined
        : await deps.store.readAll({ ...(checkpoint.right === undefined ? {} : { after: checkpoint.right }), maxCount: LAG_CAP })();
      return send(
        reply,
        200,
        'Health',
        'health',
        session,
        healthPage({
          inbox: E.isRight(counts) ? counts.right : undefined,
          parked: E.isRight(parked) ? parked.right.map((entry) => ({ entry, owner: index.ownerOf(entry.notification.resourceId) })) : [],
          readModelLag: behind === undefined || E.isLeft(behind) ? undefined : behind.right.length,
          lagCap: LAG_CAP,
          lastSweep: deps.lastSweep(),
          users: E.isRight(caught) ? index.users() : [],
        }),
      );
    });
  });
};
