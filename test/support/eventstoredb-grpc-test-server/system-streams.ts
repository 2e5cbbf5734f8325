import { randomUUID } from 'node:crypto';
import type { EventLog } from './event-log.js';

/**
 * The system events a single EventStoreDB node writes besides the clients' own, so that $all holds what a real
 * one does: `$`-prefixed streams and `$`-prefixed event types, which the adapters must leave out of their reads.
 */
const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

const systemEvent = (type: string, data: unknown) => ({ id: randomUUID(), type, isJson: true, data: json(data), metadata: new Uint8Array() });

/** A new database creates its default users (admin, ops) and the system settings before any client writes. */
export const seedNewDatabase = (log: EventLog): void => {
  for (const login of ['admin', 'ops']) {
    log.append(`$user-${login}`, 'any', [systemEvent('$user', { loginName: login, fullName: login, groups: [`$${login}s`] })]);
    log.append('$users', 'any', [systemEvent('$UserCreated', login)]);
  }
  log.append('$settings', 'any', [systemEvent('$settings', { $userStreamAcl: {}, $systemStreamAcl: {} })]);
};

/**
 * The node writes its statistics to `$stats-<host:port>` every StatsPeriodSec (30 s by default). Here a
 * `$statsCollected` event follows every `every` client writes instead, so that each run interleaves them with
 * the tests' events at known places rather than at times.
 */
export const statsWriter = (log: EventLog, endpoint: string, every: number): (() => void) => {
  let writes = 0;
  return () => {
    writes++;
    if (every > 0 && writes % every === 0) log.append(`$stats-${endpoint}`, 'any', [systemEvent('$statsCollected', { 'proc-id': process.pid, writes })]);
  };
};
