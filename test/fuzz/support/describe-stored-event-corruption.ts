import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../../src/adapters/clock/index.js';
import { kycDocumentAggregate } from '../../../src/application/aggregates.js';
import { createCommandHandler, immediateRetry, loadAggregate, streamNameOf, type CommandHandler } from '../../../src/application/command-handling/index.js';
import type { EventStore } from '../../../src/application/ports/event-store.js';
import type { KycDocumentCommand } from '../../../src/domain/kyc-document/index.js';
import type { CommandId, MangopayId } from '../../../src/domain/shared/bounded-string.js';
import type { UnixTimestamp } from '../../../src/domain/shared/unix-timestamp.js';
import { markersIn, searchableText, type FuzzCaseTally } from '../../../src/testing/fuzz/index.js';
import { pageFile } from '../../support/page-files.js';
import { corruptionArbitrary, type Corruption, type CorruptionLimits } from './stored-event-corruption.js';

/** A store under test, and the way to damage its rows behind its back (SQL on the table, or the objects it keeps). */
export interface CorruptibleStore {
  readonly store: EventStore;
  readonly limits: CorruptionLimits;
  /** Damages the row; 'refused-by-database' when the database itself cannot hold that damage (the case is skipped). */
  readonly corrupt: (streamName: string, version: number, corruption: Corruption) => Promise<void | 'refused-by-database'>;
  /** The rows the stream has, counted without decoding them. */
  readonly rowsIn: (streamName: string) => Promise<number>;
  readonly close: () => Promise<void>;
}

const documents = kycDocumentAggregate();
const TEMPLATE_ID = 'doc_template' as MangopayId;

const commands = (documentId: MangopayId): ReadonlyArray<KycDocumentCommand> => [
  { type: 'CreateKycDocument', documentId, userId: 'user_fuzz' as MangopayId, documentType: 'ADDRESS_PROOF', creationDate: 1_700_000_000 as UnixTimestamp },
  { type: 'AddKycPage', documentId, userId: 'user_fuzz' as MangopayId, file: pageFile('PNG', 1100) },
  { type: 'AddKycPage', documentId, userId: 'user_fuzz' as MangopayId, file: pageFile('PDF', 1200) },
];

/** The stored form (type and data) of the three events `commands` record, for corruptions to start from. */
const storedTemplates = (): ReadonlyArray<{ readonly type: string; readonly data: Readonly<Record<string, unknown>> }> => {
  const { decider, events } = documents;
  let state = decider.initialState;
  return commands(TEMPLATE_ID).map((command) => {
    const decided = decider.decide(command, state);
    if (E.isLeft(decided) || decided.right.length !== 1) throw new Error(`template command refused: ${command.type}`);
    const event = decided.right[0] as (typeof decided.right)[number];
    state = decider.evolve(state, event);
    const serialized = events.encode(event);
    return { type: serialized.type, data: serialized.data as Readonly<Record<string, unknown>> };
  });
};

const writeHistory = async (handle: CommandHandler, id: string): Promise<void> => {
  for (const [i, command] of commands(id as MangopayId).entries()) {
    const written = await handle(documents, id, { commandId: `${id}-${i}` as CommandId, command })();
    if (E.isLeft(written)) throw new Error(`writing the valid history failed: ${written.left.type}`);
  }
};

/**
 * Valid events go in through the command handler; then one row of one stream is damaged directly. Loading that
 * stream must answer STORED_EVENT_UNREADABLE naming it and the damaged version (never a throw, never the stored
 * values), commands on it must be refused with nothing written, and another stream must keep working.
 */
export const describeStoredEventCorruption = (
  open: () => Promise<CorruptibleStore>,
  tally: FuzzCaseTally,
  boundary: string,
  numRuns: number,
): void => {
  let subject: CorruptibleStore;
  let handle: CommandHandler;
  let caseNumber = 0;
  beforeAll(async () => {
    subject = await open();
    handle = createCommandHandler({ store: subject.store, clock: fixedClock(), retry: immediateRetry(3) });
  });
  afterAll(() => subject.close());

  it('a damaged row: STORED_EVENT_UNREADABLE naming stream and version, appends refused, other streams unharmed', async () => {
    const templates = storedTemplates();
    const damage = fc.integer({ min: 1, max: templates.length }).chain((version) => {
      const template = templates[version - 1] as (typeof templates)[number];
      return fc.record({ version: fc.constant(version), corruption: corruptionArbitrary(template.type, template.data, subject.limits) });
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ version, corruption }) => {
        tally.count(boundary);
        caseNumber++;
        const victim = `fz${caseNumber}v`;
        const bystander = `fz${caseNumber}b`;
        const victimStream = streamNameOf(documents, victim);
        await writeHistory(handle, victim);
        await writeHistory(handle, bystander);
        fc.pre((await subject.corrupt(victimStream, version, corruption)) !== 'refused-by-database');
        const rows = await subject.rowsIn(victimStream);

        const loaded = await loadAggregate(subject)(documents, victim)();
        expect(E.isLeft(loaded) && loaded.left).toMatchObject({ type: 'STORED_EVENT_UNREADABLE', streamName: victimStream, streamVersion: version });
        expect(markersIn(searchableText(loaded))).toEqual([]);

        // A new command and a replayed one: both refused, and nothing is written.
        const submit = await handle(documents, victim, { commandId: `${victim}-submit` as CommandId, command: { type: 'SubmitKycDocument', documentId: victim as MangopayId, userId: 'user_fuzz' as MangopayId } })();
        expect(E.isLeft(submit) && submit.left.type).toBe('STORED_EVENT_UNREADABLE');
        const replay = await handle(documents, victim, { commandId: `${victim}-1` as CommandId, command: commands(victim as MangopayId)[1] as KycDocumentCommand })();
        expect(E.isLeft(replay) && replay.left.type).toBe('STORED_EVENT_UNREADABLE');
        expect(await subject.rowsIn(victimStream)).toBe(rows);

        const other = await handle(documents, bystander, { commandId: `${bystander}-submit` as CommandId, command: { type: 'SubmitKycDocument', documentId: bystander as MangopayId, userId: 'user_fuzz' as MangopayId } })();
        expect(E.isRight(other) && other.right).toMatchObject({ streamVersion: 4, state: { status: 'VALIDATION_ASKED' } });
      }),
      { numRuns },
    );
  });
};
