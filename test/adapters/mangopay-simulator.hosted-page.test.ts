import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMangopayHttpClient } from '../../src/adapters/mangopay-http-client/index.js';
import { startMangopaySimulator, type MangopaySimulator } from '../../src/simulator/index.js';
import type { MangopayApi } from '../../src/application/ports/mangopay-api.js';
import type { UserProfile } from '../../src/domain/shared/user-profile.js';
import { freshKey, RETURN_URL, right } from '../../src/testing/mangopay-api-conformance/index.js';
import { simulatorProvider } from '../support/simulator-provider.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const present = existsSync(CHROMIUM);

if (!present && process.env['CI'] === 'true') {
  describe('the hosted IDV page in headless Chromium', () => {
    it('needs Chromium under CI', () => {
      throw new Error(`${CHROMIUM} is missing: run .ci/install-chromium.sh before the tests`);
    });
  });
} else if (!present) {
  describe('the hosted IDV page in headless Chromium', () => {
    it.skip(`DID NOT RUN: ${CHROMIUM} is missing (run .ci/install-chromium.sh to install it)`, () => {});
  });
} else {
  describe('the hosted IDV page in headless Chromium', () => {
    let browser: Browser;
    let simulator: MangopaySimulator;
    let api: MangopayApi;

    beforeAll(async () => {
      simulator = await startMangopaySimulator({ clientId: 'hosted', apiKey: 'hosted-key' });
      api = createMangopayHttpClient({ baseUrl: simulator.baseUrl, clientId: 'hosted', apiKey: 'hosted-key' });
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    });
    afterAll(async () => {
      await browser?.close();
      await simulator?.close();
    });

    /** A page whose requests to the platform (the ReturnUrl's host) are answered here: no https server needed. */
    const platformPage = async (): Promise<Page> => {
      const page = await browser.newPage();
      await page.route('https://platform.example/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Platform</title><h1 id="back">Back on the platform</h1>' }),
      );
      return page;
    };

    const sessionFor = async (profile: UserProfile) => {
      const userId = await simulatorProvider(simulator).createUser(profile);
      const session = await right(api.createIdvSession({ userId, returnUrl: RETURN_URL }, freshKey()));
      return { userId, session };
    };

    it('a person validates the session, lands on the ReturnUrl, and the API shows it VALIDATED with its checks', async () => {
      const { userId, session } = await sessionFor({ personType: 'NATURAL', userCategory: 'OWNER' });
      const page = await platformPage();
      try {
        await page.goto(session.hostedUrl);
        expect(await page.textContent('#status')).toContain('PENDING');
        await Promise.all([page.waitForURL(RETURN_URL), page.click('#validate')]);
        expect(page.url()).toBe(RETURN_URL);
        expect(await page.textContent('#back')).toBe('Back on the platform');
      } finally {
        await page.close();
      }
      const viewed = await right(api.viewIdvSession(session.id));
      expect(viewed.status).toBe('VALIDATED');
      // Today's checks for a natural user ("Natural users", hosted IDV): identity document, name match, age.
      expect(viewed.checks.map((check) => [check.type, check.status])).toEqual([
        ['IDENTITY_DOCUMENT_VERIFICATION', 'VALIDATED'],
        [{ unrecognized: 'IDV_NAME_MATCH_CHECK' }, 'VALIDATED'],
        [{ unrecognized: 'IDV_AGE_CHECK' }, 'VALIDATED'],
      ]);
      expect(await right(api.viewUser(userId))).toMatchObject({ kycLevel: 'REGULAR' });
    });

    it('a business refuses one check with a reason valid for it; the refusal is visible through the API', async () => {
      const { session } = await sessionFor({ personType: 'LEGAL', legalPersonType: 'BUSINESS', userCategory: 'OWNER' });
      const page = await platformPage();
      try {
        await page.goto(session.hostedUrl);
        const pscReasons = await page.$$eval('select[name="refusal_PERSONS_SIGNIFICANT_CONTROL"] option', (options) =>
          options.map((option) => option.getAttribute('value') ?? '').filter((value) => value !== ''),
        );
        expect(pscReasons).toContain('PSC_NAME_FAIL');
        expect(pscReasons).not.toContain('FACE_MATCH_FAIL');
        await page.selectOption('select[name="refusal_PERSONS_SIGNIFICANT_CONTROL"]', 'PSC_NAME_FAIL');
        await page.fill('input[name="description"]', 'Name differs from the register');
        await Promise.all([page.waitForURL(RETURN_URL), page.click('#refuse')]);
        await page.goto(session.hostedUrl);
        expect(await page.textContent('#status')).toContain('REFUSED');
      } finally {
        await page.close();
      }
      const viewed = await right(api.viewIdvSession(session.id));
      expect(viewed.status).toBe('REJECTED');
      const psc = viewed.checks.find((check) => check.type === 'PERSONS_SIGNIFICANT_CONTROL');
      expect(psc).toMatchObject({ status: 'REFUSED', refusals: [{ reason: 'PSC_NAME_FAIL', description: 'Name differs from the register' }] });
      expect(viewed.checks.filter((check) => check.status === 'VALIDATED').map((check) => check.type)).toEqual(
        expect.arrayContaining(['BUSINESS_VERIFICATION', 'IDENTITY_DOCUMENT_VERIFICATION']),
      );
    });

    it('refusing without choosing a reason stays on the page and says why', async () => {
      const { session } = await sessionFor({ personType: 'NATURAL', userCategory: 'OWNER' });
      const page = await platformPage();
      try {
        await page.goto(session.hostedUrl);
        await page.click('#refuse');
        expect(await page.textContent('#problem')).toBeTruthy();
        expect(page.url()).not.toBe(RETURN_URL);
      } finally {
        await page.close();
      }
      expect(await right(api.viewIdvSession(session.id))).toMatchObject({ status: 'PENDING' });
    });
  });
}
