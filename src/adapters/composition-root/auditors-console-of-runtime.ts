import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDV_SESSION_LIFECYCLE, idvSessionTransitions } from '../../domain/idv-session/index.js';
import { KYC_DOCUMENT_LIFECYCLE, kycDocumentTransitions } from '../../domain/kyc-document/index.js';
import { USER_KYC_LIFECYCLE, userKycTransitions } from '../../domain/user-kyc/index.js';
import { renderAuditorDocs } from '../auditor-docs/index.js';
import { rulesVersion } from '../auditor-docs/rules-version.js';
import { createFileAccessLog, identifyWithApiKeys, type AuditorsConsoleDependencies, type IdentifyKey } from '../auditors-console/index.js';
import type { AnyAggregate } from '../auditors-console/user-streams.js';
import type { KycRuntime } from './build-kyc-runtime.js';

/** Where the console keeps who revealed which personal value, and why (owner-only, beside the data). */
export const CONSOLE_ACCESS_LOG_FILE = 'console-access.jsonl';

/** The project's root (src/adapters/composition-root or dist/adapters/composition-root, three levels up): where the rules pages are generated from. */
const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The auditors' console wired to a runtime: its stores, its API keys (a role lookup that can be swapped), its rules. */
export const auditorsConsoleOfRuntime = (
  runtime: KycRuntime,
  options: { readonly lastSweep: AuditorsConsoleDependencies['lastSweep']; readonly identifyKey?: IdentifyKey },
): AuditorsConsoleDependencies => {
  let pages: ReturnType<typeof renderAuditorDocs> | undefined;
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
    accessLog: createFileAccessLog(join(runtime.config.dataDir, CONSOLE_ACCESS_LOG_FILE)),
    // Rendered on first use (it reads the test files to name each rule's tests), then kept.
    rulesPages: () => (pages ??= renderAuditorDocs(projectRoot)),
    rulesVersion: rulesVersion(),
    pagePolicyName: runtime.config.pagePolicy,
    now: runtime.clock.now,
    secureCookies: runtime.config.publicUrl?.startsWith('https:') ?? false,
  };
};
