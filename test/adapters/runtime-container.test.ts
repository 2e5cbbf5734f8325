import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildKycRuntime,
  KYC,
  openKycResources,
  runtimeContainer,
  wireKycRuntime,
  type KycRuntime,
} from '../../src/adapters/composition-root/index.js';
import { createKycDocument } from '../../src/application/platform-commands/index.js';
import type { Clock } from '../../src/application/ports/clock.js';
import type { MangopayApi } from '../../src/application/ports/mangopay-api.js';
import { CommandId } from '../../src/domain/shared/bounded-string.js';
import type { MangopaySimulator } from '../../src/simulator/index.js';
import { serviceConfigForTests } from '../support/service-config.js';
import { simulatorProvider } from '../support/simulator-provider.js';
import { temporaryDirectory } from '../support/temporary-directory.js';

/**
 * The composition root's tsyringe container (kyc-runtime-container.ts): one instance of each service per runtime,
 * none shared between runtimes, a child's registration reaching every service built on it, and one close stack.
 */
const KEY = 'runtime-container-key-0123456789abcdef0123456';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) await cleanup();
});

const configInTemporaryDirectory = () => {
  const folder = temporaryDirectory('runtime-container');
  cleanups.push(folder.remove);
  return serviceConfigForTests({ kind: 'memory' }, folder.path, [KEY]);
};

const aRuntime = async (): Promise<KycRuntime> => {
  const built = await buildKycRuntime(configInTemporaryDirectory())();
  if (E.isLeft(built)) throw new Error(built.left.message);
  cleanups.push(built.right.close);
  return built.right;
};

const commandId = (text: string): CommandId => {
  const decoded = CommandId.decode(text);
  if (E.isLeft(decoded)) throw new Error('bad command id');
  return decoded.right;
};

describe('the runtime container', () => {
  it('one runtime: each service is one instance, wherever it is resolved from', async () => {
    const runtime = await aRuntime();
    const wired = runtimeContainer(runtime);
    expect(wired.resolve(KYC.runtime)).toBe(runtime);
    expect(wired.resolve(KYC.core)).toBe(runtime.core);
    expect(wired.resolve(KYC.commandHandler)).toBe(runtime.core.handle);
    expect(wired.resolve(KYC.eventStore)).toBe(runtime.core.store);
    expect(wired.resolve(KYC.mangopayApi)).toBe(runtime.core.mangopay);
    expect(wired.resolve(KYC.vault)).toBe(runtime.vault);
    expect(runtime.core.vault).toBe(runtime.vault);
    expect(wired.resolve(KYC.metrics)).toBe(runtime.metrics);
    expect(wired.resolve(KYC.webhookInbox)).toBe(runtime.inbox);
    expect(wired.resolve(KYC.refreshReadModel)).toBe(runtime.refreshReadModel);
    expect(wired.resolve(KYC.readModelCaughtUp)).toBe(runtime.readModelCaughtUp);
    expect(wired.resolve(KYC.timeline)).toBe(runtime.timeline);
    expect(wired.resolve(KYC.erase)).toBe(runtime.erase);
    // The opened resources are the values wired in, not copies.
    expect(wired.resolve(KYC.readModel)).toBe(runtime.readModel);
    expect(wired.resolve(KYC.mangopayConnection)).toBe(runtime.mangopay);
  });

  it('two runtimes share no service', async () => {
    const [first, second] = [await aRuntime(), await aRuntime()];
    expect(second.core).not.toBe(first.core);
    expect(second.core.handle).not.toBe(first.core.handle);
    expect(second.core.store).not.toBe(first.core.store);
    expect(second.core.mangopay).not.toBe(first.core.mangopay);
    expect(second.vault).not.toBe(first.vault);
    expect(second.metrics).not.toBe(first.metrics);
    expect(second.metrics.registry).not.toBe(first.metrics.registry);
    expect(second.refreshReadModel).not.toBe(first.refreshReadModel);
    expect(second.erase).not.toBe(first.erase);
    expect(runtimeContainer(second)).not.toBe(runtimeContainer(first));
  });

  it('a child that registers Mangopay and the clock anew: the core, its command handler and the runtime use them; the parent keeps its own', async () => {
    const runtime = await aRuntime();
    const simulator = runtime.mangopay.simulator as MangopaySimulator;
    const userId = await simulatorProvider(simulator).createUser({ personType: 'NATURAL', userCategory: 'OWNER' });
    const asked: string[] = [];
    const base = runtime.core.mangopay;
    const recording: MangopayApi = {
      ...base,
      createKycDocument: (input, key) => {
        asked.push(input.userId);
        return base.createKycDocument(input, key);
      },
    };
    const then = new Date('2031-02-03T04:05:06.000Z');
    const fixed: Clock = { now: () => then };

    const child = runtimeContainer(runtime).createChildContainer();
    child.register(KYC.mangopayApi, { useValue: recording });
    child.register(KYC.clock, { useValue: fixed });
    const changed = child.resolve(KYC.runtime);

    expect(changed).not.toBe(runtime);
    expect(changed.core.mangopay).toBe(recording);
    expect(changed.clock).toBe(fixed);
    expect(changed.core.handle).not.toBe(runtime.core.handle);
    expect(child.resolve(KYC.commandHandler)).toBe(changed.core.handle);
    expect(changed.vault).not.toBe(runtime.vault);
    expect(changed.erase).not.toBe(runtime.erase);
    // The opened resources are the parent's: the same read model, the same Mangopay connection.
    expect(changed.readModel).toBe(runtime.readModel);
    expect(changed.mangopay).toBe(runtime.mangopay);
    expect(runtimeContainer(changed)).toBe(child);
    // The parent is as it was.
    expect(runtime.core.mangopay).toBe(base);
    expect(runtimeContainer(runtime).resolve(KYC.runtime)).toBe(runtime);

    // A platform command through the child's core: Mangopay asked through the recording port, the event timed by the fixed clock.
    const created = await createKycDocument(changed.core)({ commandId: commandId('child-create-1'), userId, documentType: 'IDENTITY_PROOF' })();
    if (E.isLeft(created)) throw new Error(created.left.message);
    expect(asked).toEqual([userId]);
    const { state } = created.right;
    const documentId = 'documentId' in state ? state.documentId : '';
    const stream = await changed.core.store.readStream(`KycDocument-${documentId}`)();
    if (E.isLeft(stream)) throw new Error(stream.left.message);
    expect(stream.right.events.map((event) => event.metadata.occurredAt)).toEqual([then.toISOString()]);

    // The parent's core asks its own Mangopay.
    const again = await createKycDocument(runtime.core)({ commandId: commandId('parent-create-1'), userId, documentType: 'IDENTITY_PROOF' })();
    expect(E.isRight(again)).toBe(true);
    expect(asked).toEqual([userId]);
  });

  it('closing a runtime closes what was opened in the reverse order of opening, once, whichever runtime of the container closes', async () => {
    const opened = await openKycResources(configInTemporaryDirectory())();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const closed: string[] = [];
    // The close stack calls each resource's close when it closes: recorded here, then done.
    const record = (name: string, resource: { close: () => Promise<void> }) => {
      const close = resource.close.bind(resource);
      resource.close = async () => {
        closed.push(name);
        await close();
      };
    };
    record('event store', opened.right.eventStore as { close: () => Promise<void> });
    record('personal data keys', opened.right.personalDataKeys as { close: () => Promise<void> });
    record('read model', opened.right.readModel as { close: () => Promise<void> });
    record('Mangopay simulator', opened.right.mangopay.simulator as unknown as { close: () => Promise<void> });

    const wired = wireKycRuntime(opened.right);
    const runtime = wired.resolve(KYC.runtime);
    const child = wired.createChildContainer();
    child.register(KYC.newCommandId, { useValue: () => 'fixed' });
    const childRuntime = child.resolve(KYC.runtime);
    expect(childRuntime.newCommandId()).toBe('fixed');
    // Resolving opens and closes nothing.
    expect(closed).toEqual([]);

    await childRuntime.close();
    expect(closed).toEqual(['Mangopay simulator', 'read model', 'personal data keys', 'event store']);
    await runtime.close();
    expect(closed).toHaveLength(4);
  });

  it('a runtime that no container made is refused by name, not answered with some container', async () => {
    const runtime = await aRuntime();
    expect(() => runtimeContainer({ ...runtime })).toThrow('not resolved from a runtime container');
  });
});
