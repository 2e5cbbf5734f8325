import { describe, expect, it } from 'vitest';
import { httpAnswerFor } from '../../src/adapters/http-service/shared/http-error.js';

const failure = (type: string) => ({ type, message: `driver said: SECRET-MARKER for ${type}` });

describe('typed errors to HTTP answers', () => {
  it('a rule the client broke is a 400; a missing resource a 404; a state that refuses the request a 409', () => {
    expect(httpAnswerFor({ type: 'SUBMIT_NEEDS_A_PAGE', message: 'A document needs a page' }).status).toBe(400);
    expect(httpAnswerFor({ type: 'KYC_DOCUMENT_NOT_FOUND', message: 'none' }).status).toBe(404);
    expect(httpAnswerFor({ type: 'COMMAND_ID_REUSED', message: 'reused' }).status).toBe(409);
  });

  it('a key store that is down is a 503 to retry, never a 400 that looks final; the operator is alerted', () => {
    for (const type of ['PERSONAL_DATA_NOT_SEALED', 'PERSONAL_DATA_KEYS_UNAVAILABLE']) {
      const answer = httpAnswerFor(failure(type));
      expect(answer).toMatchObject({ status: 503, headers: { 'retry-after': '1' }, alertsOperator: true, body: { type } });
      expect(JSON.stringify(answer.body)).not.toContain('SECRET-MARKER');
    }
  });

  it('damaged personal data is a 409 like a damaged event; a misconfiguration a 500; both alert the operator and quote no adapter text', () => {
    for (const type of ['PERSONAL_DATA_UNREADABLE', 'PERSONAL_DATA_TAMPERED', 'PERSONAL_DATA_TOKEN_MALFORMED', 'PERSONAL_DATA_KEY_NOT_FOUND']) {
      expect(httpAnswerFor(failure(type))).toMatchObject({ status: 409, alertsOperator: true, body: { type } });
    }
    for (const type of ['PERSONAL_DATA_VAULT_MISSING', 'PERSONAL_DATA_MASTER_KEY_MISMATCH', 'READ_MODEL_EVENT_UNREADABLE']) {
      const answer = httpAnswerFor(failure(type));
      expect(answer).toMatchObject({ status: 500, alertsOperator: true, body: { type } });
      expect(JSON.stringify(answer.body)).not.toContain('SECRET-MARKER');
    }
  });
});
