import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDV_SESSION_LIFECYCLE, idvSessionTransitions } from '../../domain/idv-session/index.js';
import { KYC_DOCUMENT_LIFECYCLE, kycDocumentTransitions } from '../../domain/kyc-document/index.js';
import { USER_KYC_LIFECYCLE, userKycTransitions } from '../../domain/user-kyc/index.js';
import { AUDITOR_DOCS_DIRECTORY } from '../auditor-docs/index.js';
import { rulesVersion } from '../auditor-docs/rules-version.js';
import { createEventStoreAccessLog, identifyWithApiKeys, type AuditorsConsoleDependencies, type IdentifyKey } from '../auditors-console/index.js';
import { RULES_PAGE_FILES } from '../auditors-console/rules-page.js';
import type { AnyAggregate } from '../auditors-console/user-streams.js';
import type { KycRuntime } from './build-kyc-runtime.js';

/** The project's root, three levels up from src/ or dist/adapters/composition-root: where docs/auditors is (the package ships it). */
const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The auditors' console wired to a runtime: its stores, its API keys (a role lookup that can be swapped), its rules. */
export const auditorsConsoleOfRuntime = (
  runtime: KycRuntime,
  options: { readonly lastSweep: AuditorsConsoleDependencies['lastSweep']; readonly identifyKey?: IdentifyKey },
): AuditorsConsoleDependencies => {
  let pages: ReadonlyArray<{ readonly path: string; readonly content: string }> | undefined;
  return {
    store: runtime.core.store,
    vault: runtime.vault,
    documents: { aggregate: runtime.core.documents as unknown as AnyAggregate, transitions: kycDocumentTransitions, lifecycle: KYC_DOCUMENT_LIFECYCLE },
    sessions: { aggregate: runtime.core.sessions as unknown as AnyAggregate, transitions: idvSessionTransitions, lifecycle: IDV_SESSION_LIFECYCLE },
    users: { aggregate: runtime.core.users as unknown as AnyAggregate, transitions: userKycTransitions, lifecycle: USER_KYC_LIFECYCLE },
    readModel: runtime.readModel.readModel,
    readModelCaughtUp: runtime.readModelCaughtUp,
    readModelCheckpoint: runtime.readModel.checkpoints.read(runtime.readModel.projection.name),
    inbox: runtime.inbox,
    lastSweep: options.lastSweep,
    identifyKey: options.identifyKey ?? identifyWithApiKeys(runtime.apiKeys.keys),
    accessLog: createEventStoreAccessLog(runtime.core.store),
    // The generator's own output, as committed and shipped (test/docs/docs-are-fresh.test.ts keeps it equal to
    // what the code renders now); read on first use, then kept. A page missing from the install is left out.
    rulesPages: () =>
      (pages ??= RULES_PAGE_FILES.flatMap((file) => {
        const path = join(projectRoot, AUDITOR_DOCS_DIRECTORY, file);
        return existsSync(path) ? [{ path: `${AUDITOR_DOCS_DIRECTORY}/${file}`, content: readFileSync(path, 'utf8') }] : [];
      })),
    rulesVersion: rulesVersion(),
    pagePolicyName: runtime.config.pagePolicy,
    now: runtime.clock.now,
    secureCookies: runtime.config.publicUrl?.startsWith('https:') ?? false,
  };
};
