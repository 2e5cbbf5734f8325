import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SeededRandom } from './seeded-random.js';

/**
 * A chaos proxy between Mangopay's hook delivery (the simulator) and the service's webhook endpoint: the hooks
 * are registered at this proxy's URL, and it forwards `GET /webhooks/mangopay…` to the service, or not, as a
 * seeded generator decides. What it does to a hook that reaches it:
 *
 * - forward: passes it on and answers the simulator with the service's status;
 * - duplicate: passes it on, and once more later on its own;
 * - hold: answers 200 at once and passes it on later, in another order (released by later hooks or a timer);
 * - delay: passes it on after a pause, sometimes past the simulator's 2 s timeout (which then sends it again);
 * - drop-acknowledged: answers 200 as if delivered and never passes it on (Mangopay believes it delivered);
 * - drop-refused: answers 500 and never passes it on (the simulator retries, a bounded number of times).
 *
 * Besides, it sometimes forges a hook of its own next to a real one: a fresh Date, the id of another resource,
 * an id that exists nowhere, or a wrong event type. Once calmed, it releases what it holds, stops dropping and
 * forging, and forwards faithfully.
 */
export const CHAOS_ACTIONS = ['forward', 'duplicate', 'hold', 'delay', 'drop-acknowledged', 'drop-refused'] as const;
export type ChaosAction = (typeof CHAOS_ACTIONS)[number];
export const FORGERIES = ['fresh-date', 'other-resource', 'unknown-id', 'wrong-event-type'] as const;
export type Forgery = (typeof FORGERIES)[number];

export interface ChaosHookProxyOptions {
  /** The service's base URL (hooks go to the same path and query there). */
  readonly target: string;
  readonly random: SeededRandom;
  /** Ids of resources that exist (documents, sessions, users), for hooks forged about another resource. */
  readonly knownIds: () => ReadonlyArray<string>;
  /** Event types to forge with, the service's own and others. */
  readonly eventTypes: ReadonlyArray<string>;
  readonly weights?: Readonly<Record<ChaosAction, number>>;
  /** Probability of forging one hook next to each real one. */
  readonly forgeProbability?: number;
}

export interface ChaosTally {
  received: number;
  readonly actions: Record<ChaosAction, number>;
  readonly forged: Record<Forgery, number>;
  /** Deliveries the proxy made on its own (held, duplicated, forged) that the service never answered 2xx. */
  unanswered: number;
  /** Statuses the service answered, by status. */
  readonly serviceStatuses: Record<string, number>;
}

export interface ChaosHookProxy {
  readonly url: string;
  readonly tally: ChaosTally;
  /** Ends the chaos: releases everything held, stops dropping, and resolves once every delivery it started is done. */
  readonly calm: () => Promise<void>;
  readonly close: () => Promise<void>;
}

const DEFAULT_WEIGHTS: Readonly<Record<ChaosAction, number>> = {
  forward: 30,
  duplicate: 12,
  hold: 18,
  delay: 14,
  'drop-acknowledged': 13,
  'drop-refused': 13,
};

const WEBHOOK_PREFIX = '/webhooks/mangopay';
const FORWARD_TIMEOUT_MS = 5_000;
/** The proxy's own deliveries are retried like Mangopay's: a few times, doubling from 200 ms. */
const OWN_DELIVERY_ATTEMPTS = 5;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startChaosHookProxy = async (options: ChaosHookProxyOptions): Promise<ChaosHookProxy> => {
  const { random } = options;
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const forgeProbability = options.forgeProbability ?? 0.2;
  const tally: ChaosTally = {
    received: 0,
    actions: Object.fromEntries(CHAOS_ACTIONS.map((a) => [a, 0])) as Record<ChaosAction, number>,
    forged: Object.fromEntries(FORGERIES.map((f) => [f, 0])) as Record<Forgery, number>,
    unanswered: 0,
    serviceStatuses: {},
  };
  let chaotic = true;
  const held = new Map<number, { readonly pathAndQuery: string; readonly timer: NodeJS.Timeout }>();
  let nextHold = 0;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  };

  /** One GET to the service; its status, or undefined when it did not answer. */
  const forward = async (pathAndQuery: string): Promise<number | undefined> => {
    try {
      const answer = await fetch(`${options.target}${pathAndQuery}`, { signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
      await answer.arrayBuffer();
      tally.serviceStatuses[answer.status] = (tally.serviceStatuses[answer.status] ?? 0) + 1;
      return answer.status;
    } catch {
      tally.serviceStatuses['none'] = (tally.serviceStatuses['none'] ?? 0) + 1;
      return undefined;
    }
  };

  /** A delivery the proxy makes on its own, retried on a 5xx, a 429 or no answer (a 4xx is the service's verdict). */
  const deliverOnItsOwn = (pathAndQuery: string): Promise<void> =>
    track(
      (async () => {
        for (let attempt = 0; attempt < OWN_DELIVERY_ATTEMPTS; attempt++) {
          const status = await forward(pathAndQuery);
          if (status !== undefined && status < 500 && status !== 429) return;
          await sleep(200 * 2 ** attempt);
        }
        tally.unanswered++;
      })(),
    );

  const release = (key: number): void => {
    const entry = held.get(key);
    if (entry === undefined) return;
    held.delete(key);
    clearTimeout(entry.timer);
    void deliverOnItsOwn(entry.pathAndQuery);
  };

  const hold = (pathAndQuery: string): void => {
    const key = nextHold++;
    held.set(key, { pathAndQuery, timer: setTimeout(() => release(key), random.int(200, 4_000)) });
  };

  const forged = (url: URL): string => {
    const kind = random.pick(FORGERIES);
    tally.forged[kind]++;
    const query = new URLSearchParams(url.searchParams);
    switch (kind) {
      case 'fresh-date':
        query.set('Date', String(Math.floor(Date.now() / 1000) + random.int(0, 3_600)));
        break;
      case 'other-resource': {
        const ids = options.knownIds();
        query.set('RessourceId', ids.length === 0 ? 'nothing_yet' : random.pick(ids));
        break;
      }
      case 'unknown-id':
        // Mostly ids that follow the id rule but name nothing; now and then one that breaks it.
        query.set('RessourceId', random.chance(0.85) ? `forged_${random.int(1, 1e9)}` : random.pick(['../users', 'a b', '', 'x'.repeat(300)]));
        break;
      case 'wrong-event-type':
        query.set('EventType', random.pick(options.eventTypes.filter((type) => type !== url.searchParams.get('EventType'))));
        break;
    }
    return `${url.pathname}?${query.toString()}`;
  };

  const answer = (response: ServerResponse, status: number): void => {
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://proxy');
    if (request.method !== 'GET' || !url.pathname.startsWith(WEBHOOK_PREFIX)) return answer(response, 404);
    const pathAndQuery = `${url.pathname}${url.search}`;
    tally.received++;
    if (!chaotic) {
      tally.actions.forward++;
      return answer(response, (await track(forward(pathAndQuery))) ?? 502);
    }
    // A later hook lets an earlier held one go: that is what reorders them.
    if (held.size > 0 && random.chance(0.3)) release(random.pick([...held.keys()]));
    if (random.chance(forgeProbability)) void deliverOnItsOwn(forged(url));
    const action = random.weighted(weights);
    tally.actions[action]++;
    switch (action) {
      case 'forward':
        return answer(response, (await track(forward(pathAndQuery))) ?? 502);
      case 'duplicate': {
        const status = await track(forward(pathAndQuery));
        const later = random.int(0, 3_000);
        void track(sleep(later).then(() => deliverOnItsOwn(pathAndQuery)));
        return answer(response, status ?? 502);
      }
      case 'hold':
        hold(pathAndQuery);
        return answer(response, 200);
      case 'delay': {
        const status = await track(sleep(random.int(100, 3_000)).then(() => forward(pathAndQuery)));
        // The simulator may have given up waiting (2 s); the service got it anyway.
        if (!response.destroyed) answer(response, status ?? 502);
        return;
      }
      case 'drop-acknowledged':
        return answer(response, 200);
      case 'drop-refused':
        return answer(response, 500);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) answer(response, 502);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    tally,
    calm: async () => {
      chaotic = false;
      const keys = [...held.keys()];
      // Released in a shuffled order: the last reordering.
      while (keys.length > 0) release(keys.splice(random.int(0, keys.length - 1), 1)[0] as number);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: async () => {
      for (const entry of held.values()) clearTimeout(entry.timer);
      held.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
