import type { DataKeyLookup } from '../../../application/ports/personal-data-key-store.js';

/** A row of the SQL key stores' table (PostgreSQL and SQLite share its columns); an erased key keeps no material. */
export interface KeyRow {
  readonly subject: string;
  readonly key_id: string | null;
  readonly material: Buffer | null;
  readonly wrapping: string | null;
  readonly created_at: string | null;
  readonly erased_at: string | null;
}

/** What a row says of its subject's key: none, erased (and when), or active. */
export const lookupOfKeyRow = (row: KeyRow | undefined): DataKeyLookup => {
  if (row === undefined) return { kind: 'absent' };
  if (row.material === null || row.erased_at !== null) {
    return { kind: 'erased', subject: row.subject, keyId: row.key_id ?? undefined, erasedAt: row.erased_at ?? '' };
  }
  return {
    kind: 'active',
    key: { subject: row.subject, keyId: row.key_id ?? '', material: row.material, wrapping: row.wrapping ?? '', createdAt: row.created_at ?? '' },
  };
};
