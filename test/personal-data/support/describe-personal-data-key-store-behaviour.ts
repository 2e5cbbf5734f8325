import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmPersonalDataVault, masterKey } from '../../../src/adapters/aes-gcm-personal-data-vault/index.js';
import type { DataKeyLookup, DataKeyRecord, PersonalDataKeyStore } from '../../../src/application/ports/personal-data-key-store.js';
import { ERASED } from '../../../src/domain/shared/personal-data.js';

export interface KeyStoreUnderTest {
  readonly store: PersonalDataKeyStore;
  /** Everything the backend holds at rest, as bytes, when the adapter can show it (files, rows, log). */
  readonly atRest?: () => Promise<Buffer>;
  readonly teardown: () => Promise<void>;
}

const right = async <A>(task: () => Promise<E.Either<{ readonly message: string }, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

let counter = 0;
const aKey = (subject: string): DataKeyRecord => ({
  subject,
  keyId: randomBytes(16).toString('base64url'),
  material: randomBytes(60),
  wrapping: 'aes-256-gcm:0123456789abcdef',
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, counter++)).toISOString(),
});

const aSubject = (): string => `user_${randomBytes(6).toString('hex')}`;

/**
 * What every PersonalDataKeyStore adapter must do, and the AES-GCM vault over it: one key per subject (racing
 * writers agree on it), a destroyed key reads as erased by subject and by key id, nothing new is ever created
 * for an erased subject, and a destruction that leaves copies says so in words.
 */
export const describePersonalDataKeyStoreBehaviour = (name: string, open: () => Promise<KeyStoreUnderTest>): void => {
  describe(`${name} personal data key store`, () => {
    let subject: KeyStoreUnderTest;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.teardown();
    });

    it('answers absent for a subject and a key id never recorded', async () => {
      expect(await right(subject.store.bySubject(aSubject()))).toEqual({ kind: 'absent' });
      const unknown = randomBytes(16).toString('base64url');
      expect((await right(subject.store.byKeyIds([unknown]))).get(unknown)).toEqual({ kind: 'absent' });
    });

    it('keeps the first key of a subject exactly, found by subject and by key id', async () => {
      const who = aSubject();
      const key = aKey(who);
      const created = await right(subject.store.createIfAbsent(key));
      expect(created.kind).toBe('active');
      // Buffer or Uint8Array: the bytes are what must come back.
      const normalise = (lookup: DataKeyLookup | undefined) =>
        lookup?.kind === 'active' ? { ...lookup, key: { ...lookup.key, material: Buffer.from(lookup.key.material).toString('hex') } } : lookup;
      const expected = normalise({ kind: 'active', key });
      expect(normalise(created)).toEqual(expected);
      expect(normalise(await right(subject.store.bySubject(who)))).toEqual(expected);
      expect(normalise((await right(subject.store.byKeyIds([key.keyId, key.keyId]))).get(key.keyId))).toEqual(expected);
    });

    it('gives a later writer the key already there, and racing writers agree on one', async () => {
      const who = aSubject();
      const first = aKey(who);
      await right(subject.store.createIfAbsent(first));
      const second = aKey(who);
      const answer = await right(subject.store.createIfAbsent(second));
      expect(answer.kind === 'active' && answer.key.keyId).toBe(first.keyId);
      expect((await right(subject.store.byKeyIds([second.keyId]))).get(second.keyId)?.kind).toBe('absent');

      const racer = aSubject();
      const answers = await Promise.all([aKey(racer), aKey(racer), aKey(racer)].map((key) => right(subject.store.createIfAbsent(key))));
      const ids = new Set(answers.map((a) => (a.kind === 'active' ? a.key.keyId : a.kind)));
      expect(ids.size).toBe(1);
      const winner = await right(subject.store.bySubject(racer));
      expect(winner.kind === 'active' && ids.has(winner.key.keyId)).toBe(true);
    });

    it('destroys a key: erased by subject and by key id, no new key afterwards, idempotent', async () => {
      const who = aSubject();
      const key = aKey(who);
      await right(subject.store.createIfAbsent(key));
      const erasedAt = '2031-01-01T00:00:00.000Z';
      const destroyed = await right(subject.store.destroy(who, erasedAt));
      expect(destroyed.outcome).toBe('key-destroyed');
      if (!destroyed.storageScrubbed) expect(destroyed.pendingScrub).toMatch(/\w{10}/);

      expect(await right(subject.store.bySubject(who))).toEqual({ kind: 'erased', subject: who, keyId: key.keyId, erasedAt });
      expect((await right(subject.store.byKeyIds([key.keyId]))).get(key.keyId)?.kind).toBe('erased');
      expect((await right(subject.store.createIfAbsent(aKey(who)))).kind).toBe('erased');
      expect((await right(subject.store.destroy(who, '2032-01-01T00:00:00.000Z'))).outcome).toBe('already-erased');
      expect(await right(subject.store.bySubject(who))).toMatchObject({ kind: 'erased', erasedAt });
    });

    it('erases a subject that never had a key: a tombstone refuses any key later', async () => {
      const who = aSubject();
      expect((await right(subject.store.destroy(who, '2031-01-01T00:00:00.000Z'))).outcome).toBe('no-key-recorded');
      expect(await right(subject.store.bySubject(who))).toMatchObject({ kind: 'erased', subject: who, keyId: undefined });
      const late = aKey(who);
      expect((await right(subject.store.createIfAbsent(late))).kind).toBe('erased');
      expect((await right(subject.store.byKeyIds([late.keyId]))).get(late.keyId)?.kind).not.toBe('active');
    });

    it('leaves other subjects alone', async () => {
      const [a, b] = [aSubject(), aSubject()];
      const keyB = aKey(b);
      await right(subject.store.createIfAbsent(aKey(a)));
      await right(subject.store.createIfAbsent(keyB));
      await right(subject.store.destroy(a, '2031-01-01T00:00:00.000Z'));
      expect((await right(subject.store.bySubject(b))).kind).toBe('active');
      expect((await right(subject.store.byKeyIds([keyB.keyId]))).get(keyB.keyId)?.kind).toBe('active');
    });

    it('under the AES-GCM vault: seals, opens, and after erasure opens as erased and seals nothing new', async () => {
      const vault = createAesGcmPersonalDataVault({ keys: subject.store, clock: { now: () => new Date(Date.UTC(2030, 0, 1)) }, masterKey: masterKey(randomBytes(32)) });
      const who = aSubject();
      const values = [`Zephyrine-${randomBytes(4).toString('hex')}`, { nested: ['Ottolenghi', 1985] }];
      const sealed = await right(vault.seal(who, values));
      expect(await right(vault.open(sealed as string[]))).toEqual(values);
      if (subject.atRest !== undefined) expect((await subject.atRest()).includes(Buffer.from(values[0] as string))).toBe(false);

      const erased = await right(vault.eraseSubject(who, new Date(Date.UTC(2031, 0, 1))));
      expect(erased).toMatchObject({ subject: who, outcome: 'key-destroyed' });
      expect(await right(vault.open(sealed as string[]))).toEqual([ERASED, ERASED]);
      expect(await right(vault.seal(who, ['arrives after the erasure']))).toEqual([ERASED]);
    });

    it('answers PERSONAL_DATA_KEYS_UNAVAILABLE once closed, never a rejection', async () => {
      await subject.store.close();
      expect(await subject.store.bySubject(aSubject())()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
      expect(await subject.store.createIfAbsent(aKey(aSubject()))()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
      expect(await subject.store.destroy(aSubject(), '2031-01-01T00:00:00.000Z')()).toMatchObject({ _tag: 'Left', left: { type: 'PERSONAL_DATA_KEYS_UNAVAILABLE' } });
    });
  });
};
