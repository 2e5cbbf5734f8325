import type { FastifyInstance } from 'fastify';

/** What a request past its time budget is answered: its outcome (for a command) is unknown, and a retry is safe. */
export const TIME_BUDGET_EXCEEDED = {
  type: 'TIME_BUDGET_EXCEEDED',
  message:
    'The request did not finish within the service time budget: a command may still be done; send it again with the same Idempotency-Key to learn its outcome (it is done once)',
} as const;

/**
 * Every request is answered within `budgetMs` of its body's end: if the handler has not answered by then (a
 * Mangopay or a store that hangs), 504 TIME_BUDGET_EXCEEDED with Retry-After goes out at once. The handler goes
 * on and its work is recorded as usual; what it sends later is dropped (see `lateAnswerLogged`).
 */
export const answerWithinBudget = (app: FastifyInstance, budgetMs: number, retryAfterSeconds: number): void => {
  app.addHook('preHandler', (_request, reply, done) => {
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      reply.log.warn({ type: TIME_BUDGET_EXCEEDED.type, budgetMs }, 'request answered 504: past its time budget');
      void reply.code(504).headers({ 'retry-after': String(retryAfterSeconds) }).send(TIME_BUDGET_EXCEEDED);
    }, budgetMs);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
};

/**
 * A pino `logMethod` hook: fastify's warning for an answer sent after the reply (a handler finishing past its
 * budget) quotes the request's URL, which may hold ids or a secret path segment; it is logged as a fixed line.
 */
export function lateAnswerLogged(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void {
  const first = args[0] as { readonly err?: { readonly code?: unknown } } | undefined;
  if (typeof first === 'object' && first !== null && first.err?.code === 'FST_ERR_REP_ALREADY_SENT') {
    method.apply(this, [{ type: 'LATE_ANSWER' }, 'a handler finished after its request was answered (past its time budget); its answer was dropped']);
    return;
  }
  method.apply(this, args);
}
