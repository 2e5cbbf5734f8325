import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAuditorDocs } from '../../src/adapters/auditor-docs/index.js';
import { rulesVersion } from '../../src/adapters/auditor-docs/rules-version.js';
import { createConsoleSessions, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/adapters/auditors-console/console-sessions.js';
import type { IndexedUser } from '../../src/adapters/auditors-console/console-user-index.js';
import { findingsByDay } from '../../src/adapters/auditors-console/health-page.js';
import { html } from '../../src/adapters/auditors-console/html.js';
import { markdownToHtml } from '../../src/adapters/auditors-console/markdown-html.js';
import { RULES_PAGE_FILES } from '../../src/adapters/auditors-console/rules-page.js';
import { takenPathOf } from '../../src/adapters/auditors-console/state-diagram.js';
import { selectUsers } from '../../src/adapters/auditors-console/users-page.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const user = (userId: string, overrides: Partial<IndexedUser> = {}): IndexedUser => ({
  userId, kycLevel: 'LIGHT', streams: [`UserKyc-${userId}`], divergences: [], anomalies: [], erased: false, ...overrides,
});
const finding = (occurredAt: string) => ({ streamName: 'KycDocument-d', streamVersion: 2, occurredAt });

describe("the auditors' console pages", () => {
  it('escapes every interpolated value: a Tag cannot open an element or an attribute', () => {
    const hostile = `"><script>alert(1)</script><a href='x'>`;
    const rendered = html`<p title="${hostile}">${hostile}</p>`.__html;
    expect(rendered).not.toContain('<script');
    expect(rendered).not.toContain(`'x'`);
    expect(rendered).toBe('<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&#39;x&#39;&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&#39;x&#39;&gt;</p>');
  });

  it('renders Markdown text as text: raw HTML in the docs is never passed through', () => {
    const rendered = markdownToHtml('# T\n\nA <img src=x onerror=alert(1)> and `<b>`\n\n| a | b |\n| --- | --- |\n| <i>x</i> | y<br>z |', { href: () => undefined }).__html;
    expect(rendered).not.toMatch(/<img|<i>|<b>/);
    expect(rendered).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(rendered).toContain('y<br>z');
  });

  it('shows, on its Rules pages, every page the docs generator renders, and no other', () => {
    expect(renderAuditorDocs(projectRoot).map((doc) => doc.path.split('/').pop())).toEqual([...RULES_PAGE_FILES]);
  });

  it("heads docs/auditors with the rules' version the exports are stamped with", () => {
    const readme = renderAuditorDocs(projectRoot).find((doc) => doc.path.endsWith('README.md'))?.content ?? '';
    expect(rulesVersion()).toMatch(/^rules-[0-9a-f]{16}$/);
    expect(readme).toContain(rulesVersion());
  });

  it('filters users by id, level, divergences, anomalies and parked hooks', () => {
    const users = [
      user('u-plain', { kycLevel: 'REGULAR' }),
      user('u-diverged', { divergences: [finding('2026-01-01T00:00:00.000Z')] }),
      user('u-anomalous', { anomalies: [finding('2026-01-02T00:00:00.000Z')] }),
      user('u-unseen', { kycLevel: undefined }),
    ];
    const ids = (query: Partial<Parameters<typeof selectUsers>[1]>, parked = new Map<string, number>()) =>
      selectUsers(users, { q: '', level: '', has: [], page: 1, ...query }, parked).map((u) => u.userId);
    expect(ids({ q: 'plain' })).toEqual(['u-plain']);
    expect(ids({ level: 'REGULAR' })).toEqual(['u-plain']);
    expect(ids({ level: 'UNKNOWN' })).toEqual(['u-unseen']);
    expect(ids({ has: ['divergences'] })).toEqual(['u-diverged']);
    expect(ids({ has: ['anomalies'] })).toEqual(['u-anomalous']);
    expect(ids({ has: ['parked'] }, new Map([['u-unseen', 2]]))).toEqual(['u-unseen']);
    expect(ids({ has: ['divergences', 'anomalies'] })).toEqual([]);
  });

  it('counts divergences and anomalies per day, oldest first', () => {
    const users = [
      user('a', { divergences: [finding('2026-01-02T10:00:00.000Z'), finding('2026-01-01T10:00:00.000Z')] }),
      user('b', { anomalies: [finding('2026-01-02T23:59:59.999Z')] }),
    ];
    expect(findingsByDay(users)).toEqual([
      { day: '2026-01-01', divergences: 1, anomalies: 0 },
      { day: '2026-01-02', divergences: 1, anomalies: 1 },
    ]);
  });

  it('draws the path a stream took: each event a step from the status before it', () => {
    const path = takenPathOf('NOT_CREATED', [
      { type: 'KycDocumentCreated', statusAfter: 'CREATED' },
      { type: 'KycPageAdded', statusAfter: 'CREATED' },
      { type: 'KycDocumentSubmitted', statusAfter: 'VALIDATION_ASKED' },
    ]);
    expect(path.statuses).toEqual(['NOT_CREATED', 'CREATED', 'VALIDATION_ASKED']);
    expect(path.steps).toEqual([
      { from: 'NOT_CREATED', to: 'CREATED', event: 'KycDocumentCreated' },
      { from: 'CREATED', to: 'CREATED', event: 'KycPageAdded' },
      { from: 'CREATED', to: 'VALIDATION_ASKED', event: 'KycDocumentSubmitted' },
    ]);
  });

  it('ends a console session after it is idle, and in any case after its absolute lifetime', () => {
    let now = 0;
    const sessions = createConsoleSessions(() => now);
    const idle = sessions.open({ keyId: 'k', role: 'auditor' });
    now = SESSION_IDLE_MS + 1;
    expect(sessions.find(idle.id)).toBeUndefined();
    const openedAt = now;
    const busy = sessions.open({ keyId: 'k', role: 'auditor' });
    for (; now < openedAt + SESSION_ABSOLUTE_MS - 1; now += SESSION_IDLE_MS / 2) expect(sessions.find(busy.id)).toBeDefined();
    // Used within the idle time all along, it still ends at its absolute deadline.
    now = openedAt + SESSION_ABSOLUTE_MS;
    expect(sessions.find(busy.id)).toBeUndefined();
    expect(sessions.find(undefined)).toBeUndefined();
  });
});
