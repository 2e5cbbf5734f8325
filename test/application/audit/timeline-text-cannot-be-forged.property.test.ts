import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeControls, renderTimeline, summarizeEvent, type AuditedEvent, type StreamTimeline } from '../../../src/application/audit/index.js';

/**
 * A Tag and Mangopay's free-text refusal message reach the text timelines (`kyc audit`, `GET /audit/{stream}?format=text`).
 * Whatever they hold (CR, LF, ESC sequences, bidirectional overrides, line separators), the text rendering has exactly
 * one line per event, each in the timeline's own shape, with no control character left to act on a terminal, and the
 * hostile text is still there to read, escaped.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '\n  v2   2020-03-02T12:00:00.000Z  [mangopay] VALIDATED by Mangopay   (KycDocumentValidated, command x)',
    '\r  v2   VALIDATED',
    '\u001b[2K\u001b[1A\u001b[32mVALIDATED\u001b[0m',
    'abc\u202eDETADILAV',
    'line\u2028separator\u2029paragraph',
    'a\\nb (an escape written by hand)',
  ),
);

const timelineWith = (tag: string, message: string): StreamTimeline => {
  const events: AuditedEvent[] = [
    { type: 'KycDocumentCreated', documentId: 'doc_1', userId: 'user_1', documentType: 'IDENTITY_PROOF', creationDate: 1_700_000_000, tag } as AuditedEvent,
    {
      type: 'KycDocumentRefused',
      documentId: 'doc_1',
      source: 'mangopay',
      refusedReasonType: 'DOCUMENT_UNREADABLE',
      refusedReasonMessage: message,
      processedDate: 1_700_000_100,
    } as AuditedEvent,
  ];
  return {
    streamName: 'KycDocument-doc_1',
    entries: events.map((event, index) => ({
      streamVersion: index + 1,
      globalPosition: String(index + 1),
      occurredAt: '2020-03-02T09:00:00.000Z',
      commandId: `cmd-${index + 1}`,
      type: event.type,
      source: index === 0 ? 'platform' : 'mangopay',
      summary: summarizeEvent(event),
    })),
  };
};

describe('text timelines cannot be forged by what a Tag or a refusal message holds', () => {
  it('one line per event, in the timeline shape, no control character, the hostile text readable escaped', () => {
    fc.assert(
      fc.property(hostile, hostile, (tag, message) => {
        const text = renderTimeline(timelineWith(tag, message));
        const lines = text.split('\n');
        expect(lines).toHaveLength(3);
        expect(lines[0]).toBe('KycDocument-doc_1');
        expect(lines[1]).toMatch(/^ {2}v1 {3}2020-03-02T09:00:00\.000Z {2}\[platform\] document doc_1 created: /);
        expect(lines[2]).toMatch(/^ {2}v2 {3}2020-03-02T09:00:00\.000Z {2}\[mangopay\] REFUSED by Mangopay: /);
        expect(CONTROLS.test(text.replaceAll('\n', ''))).toBe(false);
        expect(lines[1]).toContain(escapeControls(tag));
        expect(lines[2]).toContain(escapeControls(message));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes are unambiguous: a backslash is doubled, so a written "\\n" never reads as a line break', () => {
    expect(escapeControls('a\nb')).toBe('a\\nb');
    expect(escapeControls('a\\nb')).toBe('a\\\\nb');
    expect(escapeControls('\u001b[31m')).toBe('\\u{1b}[31m');
    expect(escapeControls('Zoë Ødegård 北京')).toBe('Zoë Ødegård 北京');
  });
});
