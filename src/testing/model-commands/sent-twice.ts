import { sameData } from '../models/same-data.js';
import * as E from 'fp-ts/lib/Either.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import type { AggregateUnderTest, HandlerOutcome } from './aggregate-under-test.js';

const answer = <Event, State>(outcome: HandlerOutcome<Event, State>) =>
  E.isLeft(outcome) ? { refused: outcome.left.type } : { events: outcome.right.events, streamVersion: outcome.right.streamVersion };

/**
 * Idempotency by command id: sends each command once to `once`, and twice in a row under the same id to
 * `twice`. The second sending must answer as the first (a replay, when the first recorded something), and
 * both aggregates must end with the same stored events and state.
 */
export const expectEachCommandTwiceToActOnce = async <Command, Event, State>(
  once: AggregateUnderTest<Command, Event, State>,
  twice: AggregateUnderTest<Command, Event, State>,
  commands: ReadonlyArray<Command>,
): Promise<void> => {
  for (const [i, command] of commands.entries()) {
    const commandId = `cmd-${i}` as CommandId;
    const single = await once.handle({ commandId, command });
    const first = await twice.handle({ commandId, command });
    const second = await twice.handle({ commandId, command });
    if (!sameData(answer(first), answer(single))) throw new Error(`command ${i} answered differently on two equal aggregates`);
    if (!sameData(answer(second), answer(first))) throw new Error(`command ${i} sent again under its id answered ${JSON.stringify(answer(second))}`);
    const recorded = E.isRight(first) && first.right.events.length > 0;
    if (E.isRight(second) && second.right.replayed !== recorded) throw new Error(`command ${i} sent again answered replayed=${second.right.replayed}`);
  }
  const [a, b] = [await once.reload(), await twice.reload()];
  if (a.streamVersion !== b.streamVersion || !sameData(a.events, b.events)) throw new Error('sending every command twice recorded other events than sending it once');
  if (!sameData(a.state, b.state)) throw new Error('sending every command twice led to another state than sending it once');
};
