import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Clock } from '../../application/ports/clock.js';
import { MASTER_KEY_VARIABLE } from '../aes-gcm-personal-data-vault/index.js';
import { systemClock } from '../clock/index.js';
import { apiKeysAsRead, chooseApiKeys, keepApiKeys } from './api-key-file.js';
import { closeStack } from './close-stack.js';
import { describeLocation, eventStoreFromConfig } from './event-store-from-config.js';
import type { KycConfig } from './kyc-config.js';
import { KYC } from './kyc-tokens.js';
import { wireKycRuntime } from './kyc-runtime-container.js';
import type { KycRuntime, OpenedKycResources } from './kyc-runtime.js';
import { mangopayFromConfig, type MangopayConnection } from './mangopay-from-config.js';
import { checkMasterKey, recordMasterKeyCheck } from './master-key-check.js';
import { personalDataKeysFromConfig } from './personal-data-keys-from-config.js';
import { choosePersonalDataMasterKey, keepPersonalDataMasterKey, wrongMasterKey } from './personal-data-master-key.js';
import { sideStoresFromConfig } from './side-stores-from-config.js';

export type { KycRuntime, OpenedKycResources } from './kyc-runtime.js';

export interface RuntimeStartFailure {
  readonly type: 'RUNTIME_START_FAILED';
  readonly message: string;
}

const failed = (message: string): E.Either<RuntimeStartFailure, never> => E.left({ type: 'RUNTIME_START_FAILED', message });

export interface KycRuntimeOptions {
  readonly clock?: Clock;
  readonly onReadModelError?: (message: string) => void;
  /** `existing`: never create a secret (read-only commands); default `create` (first start of a service). */
  readonly secrets?: 'create' | 'existing';
}

/**
 * The composition root, in two parts.
 *
 * Opening (`openKycResources`, a plain async function): the event store, the personal-data keys and the check of
 * the master key against them, the read model and the inbox, Mangopay (or the simulator), in this order, each
 * pushed on one close stack as soon as it is open. Each is asynchronous and may fail, and a failure closes what was
 * opened before it: a container cannot do this part, its factories are synchronous.
 *
 * Wiring (`wireKycRuntime`, kyc-runtime-container.ts, tsyringe): what is built from the opened resources (metrics,
 * the metered store, Mangopay and inbox, the vault, the command handler, the core, erase, the read model's refresh,
 * the timeline, the runtime) is a factory per token, one instance per runtime container, built when first resolved.
 * A runtime's container makes children: one that registers a token anew (Mangopay, the clock) resolves a runtime
 * whose every service built on it uses it (`runtimeContainer(runtime)`), which copying the runtime's fields by hand
 * does not (what was built on the old value keeps it). That, and one place for the lifetimes, is what tsyringe is
 * for here; it never opens nor closes anything.
 *
 * Closing stays with the close stack (`runtime.close`), in the reverse order of opening, every close tried.
 */
export const buildKycRuntime =
  (config: KycConfig, options: KycRuntimeOptions = {}): TaskEither<RuntimeStartFailure, KycRuntime> =>
  async () => {
    const opened = await openKycResources(config, options)();
    if (E.isLeft(opened)) return opened;
    try {
      return E.right(wireKycRuntime(opened.right).resolve(KYC.runtime));
    } catch (error) {
      await opened.right.opened.closeAll();
      return failed(`The runtime cannot be wired (${error instanceof Error ? error.message : 'unknown cause'})`);
    }
  };

/** Opens, checks and keeps what the runtime needs; on a failure, closes what it opened and changes nothing on disk. */
export const openKycResources =
  (config: KycConfig, options: KycRuntimeOptions = {}): TaskEither<RuntimeStartFailure, OpenedKycResources> =>
  async () => {
    const clock = options.clock ?? systemClock;
    const createsSecrets = options.secrets !== 'existing';
    const onReadModelError = options.onReadModelError ?? (() => undefined);
    // Nothing is written until every check has passed: a start that fails leaves the data directory and the
    // database as they were (secrets are chosen first, kept only at the end).
    const apiKeyChoice = chooseApiKeys(config.apiKeys, config.dataDir);
    if (E.isLeft(apiKeyChoice)) return failed(`The API key file: ${apiKeyChoice.left.message}`);

    const chosen = choosePersonalDataMasterKey({ [MASTER_KEY_VARIABLE]: config.personalDataMasterKey }, config.dataDir, config.eventStore);
    if (E.isLeft(chosen)) return failed(chosen.left.message);

    const opened = closeStack();
    const failedAfterOpening = async (message: string): Promise<E.Either<RuntimeStartFailure, never>> => {
      await opened.closeAll();
      return failed(message);
    };

    const store = await eventStoreFromConfig(config.eventStore)();
    if (E.isLeft(store)) return failed(`The event store (${describeLocation(config.eventStore)}) cannot start: ${store.left.message}`);
    opened.push(() => store.right.close());
    const keys = await personalDataKeysFromConfig(config.eventStore)();
    if (E.isLeft(keys)) return failedAfterOpening(`The personal data keys cannot be opened: ${keys.left.message}`);
    opened.push(() => keys.right.close());
    const checked = config.eventStore.kind === 'memory' ? E.right({ kind: 'matches' } as const) : await checkMasterKey(keys.right, chosen.right.key);
    if (E.isLeft(checked)) return failedAfterOpening(`The personal data keys cannot be checked: ${checked.left.message}`);
    if (checked.right.kind === 'other-key') return failedAfterOpening(wrongMasterKey(chosen.right, config.dataDir));
    // A damaged event sets its stream aside in the lists (every other stream goes on); the operator is told which.
    const side = await sideStoresFromConfig(config.eventStore, (unreadable) =>
      onReadModelError(`${unreadable.message}: stream ${unreadable.streamName} is left out of the lists from version ${unreadable.streamVersion} on until it is repaired and the read model rebuilt`),
    );
    if (E.isLeft(side)) return failedAfterOpening(side.left.message);
    opened.push(() => side.right.close());
    let mangopay: MangopayConnection;
    try {
      mangopay = await mangopayFromConfig(config.mangopay, config.pagePolicy === 'current' ? 'today' : 'seed', config.timeBudgets);
    } catch (error) {
      return failedAfterOpening(`The Mangopay simulator cannot start (${error instanceof Error ? error.message : 'unknown cause'})`);
    }
    opened.push(async () => mangopay.simulator?.close());

    // Every check passed: now the secrets chosen are kept (a racing start may have kept its own first: that one wins).
    const master = createsSecrets ? keepPersonalDataMasterKey(chosen.right, config.dataDir) : E.right(chosen.right);
    if (E.isLeft(master)) return failedAfterOpening(master.left.message);
    if (createsSecrets && checked.right.kind === 'unrecorded') {
      const recorded = await recordMasterKeyCheck(keys.right, master.right.key, clock.now().toISOString());
      if (E.isLeft(recorded)) return failedAfterOpening(`The personal data keys cannot be checked: ${recorded.left.message}`);
      if (recorded.right.kind === 'other-key') return failedAfterOpening(wrongMasterKey(master.right, config.dataDir));
    }
    const keptKeys = createsSecrets ? keepApiKeys(apiKeyChoice.right) : E.right(apiKeysAsRead(apiKeyChoice.right));
    if (E.isLeft(keptKeys)) return failedAfterOpening(`The API key file: ${keptKeys.left.message}`);

    return E.right({
      config,
      clock,
      eventStore: store.right,
      personalDataKeys: keys.right,
      // Not the chosen key's text: what the runtime needs of it (the key) and what it tells the operator.
      masterKey: { key: master.right.key, source: master.right.source, created: master.right.created },
      readModel: side.right.readModel,
      inbox: side.right.inbox,
      mangopay,
      apiKeys: keptKeys.right,
      onReadModelError,
      opened,
    });
  };
