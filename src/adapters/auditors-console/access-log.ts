import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';

/** One reveal of a personal value in the console: who, when, which value (by place, never the value), and why. */
export const AccessLogEntry = t.readonly(
  t.type({
    at: t.string,
    keyId: t.string,
    role: t.string,
    userId: t.string,
    streamName: t.string,
    streamVersion: t.number,
    /** Where in the event: `checks.0.dataPoints.1.value`. */
    field: t.string,
    /** What kind of value it is (a data point's type, or the event field's name). */
    label: t.string,
    reason: t.string,
  }),
  'AccessLogEntry',
);
export type AccessLogEntry = t.TypeOf<typeof AccessLogEntry>;

export interface AccessLogUnavailable {
  readonly type: 'ACCESS_LOG_UNAVAILABLE';
  readonly message: string;
}

export interface AccessLog {
  /** Durable when it answers Right: a reveal is shown only after its entry is kept. */
  readonly record: (entry: AccessLogEntry) => TaskEither<AccessLogUnavailable, void>;
  readonly entriesOf: (userId: string) => TaskEither<AccessLogUnavailable, ReadonlyArray<AccessLogEntry>>;
}

const unavailable = (message: string): AccessLogUnavailable => ({ type: 'ACCESS_LOG_UNAVAILABLE', message });

export const createInMemoryAccessLog = (): AccessLog => {
  const entries: AccessLogEntry[] = [];
  return {
    record: (entry) => async () => {
      entries.push(entry);
      return E.right(undefined);
    },
    entriesOf: (userId) => async () => E.right(entries.filter((e) => e.userId === userId)),
  };
};

/**
 * An append-only file of JSON lines, owner-only (0600), each line written and fsynced before the value is shown.
 * A line that does not decode (a torn last write) is skipped when read, never a failure for the others.
 */
export const createFileAccessLog = (file: string): AccessLog => ({
  record: (entry) => async () => {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(AccessLogEntry.encode(entry))}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return E.right(undefined);
    } catch {
      return E.left(unavailable('The console access log cannot be written'));
    }
  },
  entriesOf: (userId) => async () => {
    try {
      if (!existsSync(file)) return E.right([]);
      const entries = readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) => {
          if (line === '') return [];
          try {
            const decoded = AccessLogEntry.decode(JSON.parse(line));
            return E.isRight(decoded) && decoded.right.userId === userId ? [decoded.right] : [];
          } catch {
            return [];
          }
        });
      return E.right(entries);
    } catch {
      return E.left(unavailable('The console access log cannot be read'));
    }
  },
});
