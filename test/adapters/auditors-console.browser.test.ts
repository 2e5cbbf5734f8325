import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_SCREENSHOT_DIRECTORY, CONSOLE_SCREENSHOTS } from '../../src/adapters/auditor-docs/console-screenshots.js';
import { rulesVersion } from '../../src/adapters/auditor-docs/rules-version.js';
import { buildKycRuntime, startKycService, type KycRuntime, type RunningKycService } from '../../src/adapters/composition-root/index.js';
import type { CommandId, MangopayId } from '../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../src/domain/shared/unix-timestamp.js';
import { right } from '../../src/testing/mangopay-api-conformance/index.js';
import { CURRENT_MANGOPAY_PAGE_POLICY, SEED_PAGE_POLICY } from '../../src/domain/kyc-document/index.js';
import { serviceConfigForTests } from '../support/service-config.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const present = existsSync(CHROMIUM);
const KEY = 'console-auditor-key-0123456789abcdef0123456789';
const PLATFORM_KEY = 'console-platform-key-0123456789abcdef012345';
const SHOTS = fileURLToPath(new URL(`../../docs/auditors/${CONSOLE_SCREENSHOT_DIRECTORY}/`, import.meta.url));
const AUDITED = 'user-audited-1';
const PLAIN = 'user-plain-2';
const FIRST_NAME = 'Adalovelace';
const REFUSAL_NOTE = 'Blurred photo of the card';

type ShotName = (typeof CONSOLE_SCREENSHOTS)[number]['file'];

/** What the console is shown: a user whose document Mangopay refused without a reason type (an anomaly), then said was
 * VALIDATED (a divergence: REFUSED is final), with a validated IDV session holding data points; and a plain user. */
const seed = async (runtime: KycRuntime) => {
  const { core } = runtime;
  let n = 0;
  const run = async (aggregate: unknown, id: string, command: unknown) => {
    const done = await core.handle(aggregate as never, id as MangopayId, { commandId: `platform-seed-${++n}` as CommandId, command: command as never })();
    if (E.isLeft(done)) throw new Error(`seed command ${n} failed: ${(done.left as { type: string }).type}`);
  };
  const at = 1_767_000_000;
  await run(core.users, AUDITED, { type: 'ObserveUser', userId: AUDITED, user: { personType: 'NATURAL', userCategory: 'OWNER' }, kycLevel: 'LIGHT' });
  await run(core.users, PLAIN, { type: 'ObserveUser', userId: PLAIN, user: { personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' }, kycLevel: 'REGULAR' });
  await run(core.documents, 'doc-1', {
    type: 'ObserveKycDocument', documentId: 'doc-1', userId: AUDITED, documentType: 'IDENTITY_PROOF', creationDate: at, status: 'REFUSED',
    refusedReasonMessage: REFUSAL_NOTE, processedDate: at + 60, tag: '<script>alert(1)</script>',
  });
  await run(core.documents, 'doc-1', { type: 'ObserveKycDocument', documentId: 'doc-1', userId: AUDITED, documentType: 'IDENTITY_PROOF', creationDate: at, status: 'VALIDATED', processedDate: at + 120 });
  await run(core.sessions, 'idv-1', {
    type: 'StartIdvSession', sessionId: 'idv-1', userId: AUDITED, user: { personType: 'NATURAL', userCategory: 'OWNER' },
    returnUrl: 'https://platform.example/back', hostedUrl: 'https://verify.example/idv-1', creationDate: at,
  });
  await run(core.sessions, 'idv-1', {
    type: 'ObserveIdvSession', sessionId: 'idv-1', status: 'VALIDATED',
    checks: [{ checkId: 'chk-1', type: 'IDENTITY_DOCUMENT_VERIFICATION', status: 'VALIDATED', dataPoints: [{ type: 'FIRST_NAME', value: FIRST_NAME }, { type: 'LAST_NAME', value: 'Byron' }] }],
  });
};

/** A hook about the user's document that failed for good, parked before the service (and its processor) starts. */
const parkHook = async (runtime: KycRuntime) => {
  const now = new Date();
  const recorded = await runtime.inbox.record({ eventType: 'KYC_SUCCEEDED', resourceId: 'doc-1' as MangopayId, date: 1_767_000_100 as UnixTimestamp }, { status: 'pending', receivedAt: now })();
  const [claimed] = E.isRight(recorded) ? await right(runtime.inbox.claimDue({ now, leaseUntil: new Date(now.getTime() + 60_000), limit: 1 })) : [];
  if (claimed === undefined) throw new Error('the hook to park was not recorded');
  await right(runtime.inbox.park(claimed, { type: 'MANGOPAY_UNAVAILABLE', message: 'parked by the test' }, now));
};

if (!present && process.env['CI'] === 'true') {
  describe("the auditors' console in headless Chromium", () => {
    it('needs Chromium under CI', () => {
      throw new Error(`${CHROMIUM} is missing: run .ci/install-chromium.sh before the tests`);
    });
  });
} else if (!present) {
  describe("the auditors' console in headless Chromium", () => {
    it.skip(`DID NOT RUN: ${CHROMIUM} is missing (run .ci/install-chromium.sh to install it)`, () => {});
  });
} else {
  describe("the auditors' console in headless Chromium", () => {
    let directory: string;
    let runtime: KycRuntime;
    let service: RunningKycService;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** The whole page, or (for the long Rules pages) what a laptop screen shows of it. */
    const shoot = async (name: ShotName, fullPage = true) => {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, name), fullPage });
    };
    const consoleUrl = (path: string) => `${service.url}/console${path}`;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'kyc-console-'));
      const built = await buildKycRuntime(serviceConfigForTests({ kind: 'sqlite', filename: join(directory, 'kyc.sqlite') }, directory, [PLATFORM_KEY, { key: KEY, role: 'auditor' }], { sweep: { everySeconds: 0, olderThanSeconds: 900 } }))();
      if (E.isLeft(built)) throw new Error(built.left.message);
      runtime = built.right;
      await parkHook(runtime);
      service = await startKycService(runtime);
      await seed(runtime);
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
      context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      page = await context.newPage();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await service?.stop();
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    });

    it('signs in with an API key into an HttpOnly, SameSite=Strict session cookie; the key is in no URL and no storage', async () => {
      await page.goto(consoleUrl(''));
      expect(page.url()).toBe(consoleUrl('/sign-in'));
      await shoot('sign-in.png');
      await page.getByLabel('API key').fill('not-a-key-at-all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('does not open the console');
      // By keyboard alone: the skip link first, then the key's field; Enter submits.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.id')).toBe('key');
      await page.keyboard.type(KEY);
      await page.keyboard.press('Enter');
      await page.waitForURL(consoleUrl('/users'));
      expect(page.url()).not.toContain(KEY);
      const [cookie, ...others] = await context.cookies();
      expect(others).toEqual([]);
      expect(cookie).toMatchObject({ name: 'kyc_console', httpOnly: true, sameSite: 'Strict', path: '/console' });
      expect(cookie?.value).not.toContain(KEY);
      expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).not.toContain(KEY);
    });

    it('signs the auditor in as an auditor, and the auditor key is refused a platform write (403 ROLE_REQUIRED)', async () => {
      await page.goto(consoleUrl('/users'));
      expect(await page.locator('header.top .who').textContent()).toContain('(auditor), read-only');
      const write = await page.request.post(`${service.url}/users/${AUDITED}/kyc/documents`, {
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        data: { Type: 'IDENTITY_PROOF' },
      });
      expect(write.status()).toBe(403);
      expect(await write.json()).toMatchObject({ type: 'ROLE_REQUIRED', requiredRoles: ['platform'] });
      // The console's session is no API key: it opens none of the platform's routes.
      const withCookie = await page.request.get(`${service.url}/users/${AUDITED}/kyc`);
      expect(withCookie.status()).toBe(401);
    });

    it('serves every page with a strict Content-Security-Policy and no script', async () => {
      const answer = await page.request.get(consoleUrl('/users'));
      expect(answer.headers()['content-security-policy']).toContain("script-src 'none'");
      expect(answer.headers()['cache-control']).toBe('no-store');
      expect(await answer.text()).not.toMatch(/<script/i);
    });

    it('Users: finds a user by id, and filters by level and by divergences / anomalies', async () => {
      await page.goto(consoleUrl('/users'));
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      await shoot('users.png');
      await page.getByLabel('User id').fill('plain');
      await page.getByRole('button', { name: 'Search' }).click();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(PLAIN);
      expect(await rows.first().textContent()).toContain('REGULAR');
      await page.getByLabel('User id').fill('');
      await page.getByLabel('divergences').check();
      await page.getByRole('button', { name: 'Search' }).click();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(AUDITED);
      expect(await rows.first().textContent()).toContain('IDENTITY_PROOF'); // missing for REGULAR (the validated session is not recorded on the user)
      await page.getByLabel('divergences').uncheck();
      await page.getByLabel('parked hooks').check();
      await page.getByRole('button', { name: 'Search' }).click();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('1 parked hook');
      await page.goto(consoleUrl('/users?level=REGULAR'));
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(PLAIN);
    });

    it('A user: the documents and sessions, each timeline with its sources, the divergence and the anomaly highlighted, values masked', async () => {
      await page.goto(consoleUrl('/users'));
      await page.getByRole('link', { name: AUDITED }).click();
      await page.waitForURL(consoleUrl(`/users/${AUDITED}`));
      const divergence = page.locator('tr.divergence');
      expect(await divergence.count()).toBe(1);
      expect(await divergence.textContent()).toContain('DIVERGENCE: Mangopay says VALIDATED, the core holds REFUSED');
      const anomaly = page.locator('tr.anomaly');
      expect(await anomaly.count()).toBe(1);
      expect(await anomaly.textContent()).toContain('REFUSED by Mangopay');
      expect(await anomaly.textContent()).toMatch(/refusedReasonType.*breaks.*RefusalNeedsReasonType/);
      const sources = await page.locator('#stream-KycDocument-doc-1 tbody td:nth-child(3)').allTextContents();
      expect(sources).toEqual(expect.arrayContaining([expect.stringContaining('inferred step'), expect.stringContaining('anomaly'), expect.stringContaining('divergence')]));
      // The diagram: the path the document took, its current status marked.
      expect(await page.locator('#stream-KycDocument-doc-1 svg .node.current').textContent()).toBe('REFUSED');
      expect(await page.locator('#stream-KycDocument-doc-1 svg .edge.taken').count()).toBe(3);
      const text = (await page.textContent('main')) ?? '';
      expect(text).not.toContain(FIRST_NAME);
      expect(text).not.toContain(REFUSAL_NOTE);
      // The Tag is text, never markup.
      expect(text).toContain('<script>alert(1)</script>');
      expect(await page.locator('script').count()).toBe(0);
      await shoot('user.png');
    });

    it('reveals a data point only with a reason, records the access durably, and shows it on the user', async () => {
      await page.goto(consoleUrl(`/users/${AUDITED}`));
      const row = page.locator('tr', { hasText: 'FIRST_NAME' }).filter({ has: page.locator('details') });
      await row.locator('summary').click();
      await row.getByLabel('Reason for revealing this value (recorded)').fill('Case 4711: confirm the name on the ID');
      await row.getByRole('button', { name: 'Reveal and record the access' }).click();
      expect(await page.locator('#revealed-value').textContent()).toBe(FIRST_NAME);
      expect(await page.locator('#recorded-reason').textContent()).toBe('Case 4711: confirm the name on the ID');
      await shoot('reveal.png');
      // Kept as an event in the event store, beside the decisions: the reason and the place, never the value or the key.
      const kept = await runtime.core.store.readStream(`ConsoleAccess-${AUDITED}`)();
      const events = E.isRight(kept) ? kept.right.events : [];
      expect(events.map((event) => event.type)).toEqual(['PersonalValueRevealed']);
      expect(events[0]?.data).toMatchObject({ reason: 'Case 4711: confirm the name on the ID', streamName: 'IdvSession-idv-1', field: 'checks.0.dataPoints.0.value', role: 'auditor' });
      const stored = JSON.stringify(events.map((event) => ({ data: event.data, metadata: event.metadata })));
      expect(stored).not.toContain(FIRST_NAME);
      expect(stored).not.toContain(KEY);
      await page.goto(consoleUrl(`/users/${AUDITED}`));
      expect(await page.locator('#access-log + .table-wrap').textContent()).toContain('Case 4711: confirm the name on the ID');
    });

    it('refuses a reveal without a reason, or from outside the session (no CSRF token)', async () => {
      const form = { streamName: 'IdvSession-idv-1', streamVersion: '2', field: 'checks.0.dataPoints.0.value', reason: 'Case 4711: confirm the name on the ID' };
      const noToken = await page.request.post(consoleUrl('/reveal'), { form, headers: { origin: service.url } });
      expect(noToken.status()).toBe(403);
      expect(await noToken.text()).not.toContain(FIRST_NAME);
      await page.goto(consoleUrl(`/users/${AUDITED}`));
      const csrf = (await page.locator('input[name="csrf"]').first().getAttribute('value')) as string;
      const short = await page.request.post(consoleUrl('/reveal'), { form: { ...form, csrf, reason: 'because' }, headers: { origin: service.url } });
      expect(short.status()).toBe(400);
      expect(await short.text()).not.toContain(FIRST_NAME);
      const foreign = await page.request.post(consoleUrl('/reveal'), { form: { ...form, csrf }, headers: { origin: 'https://evil.example' } });
      expect(foreign.status()).toBe(403);
      const oversized = await page.request.post(consoleUrl('/reveal'), { form: { ...form, csrf, reason: 'x'.repeat(20_000) }, headers: { origin: service.url } });
      expect(oversized.status()).toBe(413);
      expect(oversized.headers()['content-type']).toContain('text/html');
    });

    it('Rules: the generated reference with the page policies side by side and the refusal reasons per check', async () => {
      await page.goto(consoleUrl('/rules'));
      expect(await page.textContent('main')).toContain(rulesVersion());
      await page.getByRole('link', { name: 'KYC documents (seed 002)' }).first().click();
      const tableAfter = (heading: string) => page.locator(`xpath=//h2[@id="${heading}"]/following-sibling::div[contains(@class, "table-wrap")][1]`);
      const policies = tableAfter('page-policies').locator('thead');
      expect(await policies.textContent()).toBe(`rule${SEED_PAGE_POLICY.name}${CURRENT_MANGOPAY_PAGE_POLICY.name}refused with`);
      expect(await page.locator('svg .node').count()).toBeGreaterThan(3);
      await shoot('rules.png', false);
      await page.goto(consoleUrl('/rules/idv-session'));
      expect(await tableAfter('refusal-reasons-allowed-for-each-check').textContent()).toContain('FACE_MATCH_FAIL');
      expect(await page.textContent('main')).toContain('test/domain/idv-session');
    });

    it('Health: the inbox, the projection lag, the last sweep, divergences and anomalies by day', async () => {
      await page.goto(consoleUrl('/health'));
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Inbox: parked hooks');
      expect(main).toContain('Read model lag');
      expect(main).toContain('Last sweep');
      const parked = page.locator('tr', { hasText: 'KYC_SUCCEEDED' });
      expect(await parked.textContent()).toContain('MANGOPAY_UNAVAILABLE');
      expect(await parked.getByRole('link').textContent()).toBe(AUDITED);
      // The day the divergence and the anomaly were recorded (read back, so a run across midnight reads the same day).
      const document = await right(runtime.core.store.readStream('KycDocument-doc-1'));
      const today = (document.events[document.events.length - 1]?.metadata.occurredAt ?? '').slice(0, 10);
      expect(await page.getByRole('row', { name: `${today} 1 1`, exact: true }).count()).toBe(1); // the day, 1 divergence, 1 anomaly
      await shoot('health.png');
    });

    it("exports a user's timeline as JSON and as a printable page, with the rules' version", async () => {
      const json = await page.request.get(consoleUrl(`/users/${AUDITED}/timeline.json`));
      expect(json.headers()['content-disposition']).toContain('attachment');
      const exported = (await json.json()) as { rulesVersion: string; streams: Array<{ streamName: string; entries: unknown[] }>; accessLog: unknown[] };
      expect(exported.rulesVersion).toBe(rulesVersion());
      expect(exported.streams.map((s) => s.streamName)).toEqual([`UserKyc-${AUDITED}`, 'KycDocument-doc-1', 'IdvSession-idv-1']);
      expect(JSON.stringify(exported)).not.toContain(FIRST_NAME);
      expect(exported.accessLog).toHaveLength(1);
      await page.goto(consoleUrl(`/users/${AUDITED}/print`));
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('details.reveal').count()).toBe(0);
      expect(await page.textContent('main')).toContain(`rules version ${rulesVersion()}`);
      await shoot('print.png');
      await page.emulateMedia({ media: 'screen' });
    });

    it('signs out: the session ends and the pages ask to sign in again', async () => {
      await page.goto(consoleUrl('/users'));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(consoleUrl('/sign-in'));
      await page.goto(consoleUrl('/users'));
      expect(page.url()).toBe(consoleUrl('/sign-in'));
    });

    it('slows down guessing: more than 10 sign-in attempts a minute from one address are refused', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) {
        const answer = await page.request.post(consoleUrl('/sign-in'), { form: { key: `guess-${attempt}` }, headers: { origin: service.url } });
        statuses.push(answer.status());
      }
      expect(statuses).toContain(401);
      expect(statuses[statuses.length - 1]).toBe(429);
    });
  });
}
