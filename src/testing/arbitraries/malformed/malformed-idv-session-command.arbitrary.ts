import fc from 'fast-check';
import type { IdvCheck } from '../../../domain/idv-session/idv-check.js';
import { ObserveIdvSession, StartIdvSession } from '../../../domain/idv-session/idv-session.commands.js';
import { MAX_MANGOPAY_STRING } from '../../../domain/shared/bounded-string.js';
import { markedString, markerArbitrary } from '../identifiers.arbitrary.js';
import { observeIdvSessionArbitrary, startIdvSessionArbitrary, type IdvSessionTarget } from '../idv-session-command.arbitrary.js';
import { breaking, type MalformedInput } from './malformed-input.js';

const checkWith = (field: Partial<Record<keyof IdvCheck, unknown>>): Record<string, unknown> => ({
  checkId: 'chk-1',
  type: 'IDENTITY_DOCUMENT_VERIFICATION',
  status: 'REFUSED',
  dataPoints: [],
  ...field,
});

/** IdvSession commands with one field that breaks seed 000's shapes: ReturnUrl not https, user types, Tag, check data. */
export const malformedIdvSessionCommandArbitrary = (target: IdvSessionTarget): fc.Arbitrary<MalformedInput> => {
  const start = startIdvSessionArbitrary(target);
  const observe = observeIdvSessionArbitrary(target, 0);
  return fc.oneof(
    fc.tuple(start, markerArbitrary, fc.constantFrom('http://%s.example/done', 'ftp://%s.example/', '/%s/done', 'javascript:%s', 'https://%s:pw@platform.example/', '%s')).map(
      ([c, m, url]) => breaking(StartIdvSession, c, 'returnUrl', url.replace('%s', m), m),
    ),
    fc.tuple(start, markerArbitrary, fc.integer({ min: MAX_MANGOPAY_STRING + 1, max: 600 })).map(([c, m, n]) =>
      breaking(StartIdvSession, c, 'tag', markedString(m, n), m),
    ),
    fc.tuple(start, markerArbitrary).map(([c, m]) =>
      breaking(StartIdvSession, c, 'user', { personType: 'LEGAL', legalPersonType: m, userCategory: 'OWNER' }, m),
    ),
    fc.tuple(start, markerArbitrary).map(([c, m]) => breaking(StartIdvSession, c, 'user', { personType: 'NATURAL', userCategory: m }, m)),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => breaking(ObserveIdvSession, c, 'status', m, m)),
    fc.tuple(observe, markerArbitrary, fc.integer({ min: 256, max: 400 })).map(([c, m, n]) => ({
      ...breaking(ObserveIdvSession, c, 'checks', [checkWith({ dataPoints: [{ type: 'FIRST_NAME', value: markedString(m, n) }] })], m),
      path: 'checks.0.dataPoints.0.value',
    })),
    fc.tuple(observe, markerArbitrary, fc.integer({ min: 1001, max: 1200 })).map(([c, m, n]) => ({
      ...breaking(ObserveIdvSession, c, 'checks', [checkWith({ reasons: [{ type: 'ERROR', value: markedString(m, n) }] })], m),
      path: 'checks.0.reasons.0.value',
    })),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => ({
      ...breaking(ObserveIdvSession, c, 'checks', [checkWith({ checkId: `${m}/..` })], m),
      path: 'checks.0.checkId',
    })),
    fc.tuple(observe, markerArbitrary).map(([c, m]) => ({
      ...breaking(ObserveIdvSession, c, 'checks', [checkWith({ dataPoints: { [m]: 'not a list' } })], m),
      path: 'checks.0.dataPoints',
    })),
  );
};
