import { afterEach, beforeEach, describe } from 'vitest';
import type { MangopayApiFactory, MangopayApiUnderTest } from './conformance-context.js';
import { hookChecks } from './hook-checks.js';
import { idvSessionChecks } from './idv-session-checks.js';
import { kycDocumentChecks } from './kyc-document-checks.js';
import { uboDeclarationChecks } from './ubo-declaration-checks.js';
import { userChecks } from './user-checks.js';

/**
 * The MangopayApi port's conformance suite, for any adapter: registers vitest checks under `describe(name)`,
 * each on a fresh provider and adapter from `factory`, torn down after it.
 */
export const describeMangopayApiConformance = (name: string, factory: MangopayApiFactory): void => {
  describe(`MangopayApi conformance: ${name}`, () => {
    let current: MangopayApiUnderTest | undefined;
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const finished = current;
      current = undefined;
      await finished?.teardown();
    });
    const subject = (): MangopayApiUnderTest => {
      if (current === undefined) throw new Error('the conformance subject is used outside a check');
      return current;
    };
    userChecks({ subject });
    kycDocumentChecks({ subject });
    idvSessionChecks({ subject });
    uboDeclarationChecks({ subject });
    hookChecks({ subject });
  });
};
