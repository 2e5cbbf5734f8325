import Database from 'better-sqlite3';
import type { BenchSubject } from './bench-subject.js';

/**
 * The practical limit for SQLite: better-sqlite3 on a file with the adapter's schema and pragmas,
 * the same head query, version check and inserts in an IMMEDIATE transaction, rows read with their JSON parsed.
 */
export const rawSqliteSubject = (filename: string): BenchSubject => {
  const database = new Database(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  const head = database.prepare('SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_name = ?').pluck();
  const insert = database.prepare(
    'INSERT INTO events (stream_name, stream_version, event_id, event_type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const columns = 'global_position, stream_name, stream_version, event_id, event_type, schema_version, data, metadata';
  const streamEvents = database.prepare(`SELECT ${columns} FROM events WHERE stream_name = ? AND stream_version > 0 ORDER BY stream_version`);
  const allEvents = database.prepare(`SELECT ${columns} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`).safeIntegers(true);
  // An event is of no use before its JSON is parsed (pg does the same for json columns in the PostgreSQL baseline).
  const parsed = <Row extends { data: string; metadata: string }>(rows: Row[]): Row[] => {
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    return rows;
  };
  const append = database.transaction((stream: string, version: number, rows: ReadonlyArray<ReadonlyArray<string | number>>) => {
    if (head.get(stream) !== version) throw new Error('raw sqlite: expected version did not hold');
    rows.forEach((row, index) => insert.run(stream, version + index + 1, ...row));
  });
  return {
    name: 'raw better-sqlite3, same SQL',
    append: async (stream, version, events) =>
      append.immediate(
        stream,
        version,
        events.map((event) => [event.eventId, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata)]),
      ),
    readStream: async (stream) => parsed(streamEvents.all(stream) as Array<{ data: string; metadata: string }>).length,
    readAllPage: async (after, maxCount) => {
      const rows = parsed(allEvents.all(after ?? 0n, maxCount) as Array<{ global_position: bigint; data: string; metadata: string }>);
      return { count: rows.length, last: rows[rows.length - 1]?.global_position };
    },
    close: async () => void database.close(),
  };
};
