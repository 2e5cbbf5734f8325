import { sameData } from '../models/same-data.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import { stepsOf, type TransitionCoverage } from './transition-coverage.js';
import { handledAggregateUnderTest, type AggregateUnderTest, type HandlerOutcome } from './aggregate-under-test.js';
import { expectOutcome, type Expectation } from '../models/expectation.js';
import type { LastObservation, ModelBox } from './model-command.js';

/**
 * The real side of a model-based run: sends commands to the aggregate under test under fresh command ids,
 * checks each outcome against what the model expects, counts the table rows the recorded events take, and
 * checks after every command that the stored events fold back to the same state.
 */
export class DrivenAggregate<Command, Event extends { readonly type: string }, State extends { readonly status: string }> {
  state: State;
  readonly emitted: Event[] = [];
  /** The last observation accepted, for re-sending it as Mangopay would on a duplicated hook. */
  lastObservation: LastObservation<Command> | undefined;
  private last: { readonly commandId: CommandId; readonly command: Command; readonly outcome: HandlerOutcome<Event, State> } | undefined;
  private sent = 0;

  constructor(
    private readonly system: AggregateUnderTest<Command, Event, State>,
    private readonly evolve: (state: State, event: Event) => State,
    initialState: State,
    private readonly coverage: TransitionCoverage<string, string, string>,
  ) {
    this.state = initialState;
  }

  /** Sends a command under a new id and checks the outcome; answers the events it recorded. */
  async send(command: Command, expected: Expectation): Promise<ReadonlyArray<Event>> {
    const commandId = `cmd-${++this.sent}` as CommandId;
    const outcome = await this.system.handle({ commandId, command });
    this.last = { commandId, command, outcome };
    expectOutcome(outcome, expected);
    const events = E.isRight(outcome) ? outcome.right.events : [];
    const { steps, after } = stepsOf(this.evolve, this.state, events);
    for (const step of steps) this.coverage.visit(step);
    if (E.isRight(outcome) && !sameData(outcome.right.state, after)) {
      throw new Error('the state the handler answers is not the state its events fold to');
    }
    this.state = after;
    this.emitted.push(...events);
    await this.expectStoreHoldsWhatWasEmitted();
    return events;
  }

  /** The same command again under the same id: it must have the effect of once, and answer as the first time. */
  async resendLast(): Promise<void> {
    if (this.last === undefined) return;
    const { commandId, command, outcome: first } = this.last;
    const again = await this.system.handle({ commandId, command });
    if (E.isLeft(first)) {
      if (E.isRight(again) || again.left.type !== first.left.type) throw new Error(`a repeated refused command answered ${describe(again)}, not ${first.left.type}`);
    } else if (E.isLeft(again)) {
      throw new Error(`a repeated command failed with ${again.left.type}`);
    } else {
      const recorded = first.right.events.length > 0;
      if (again.right.replayed !== recorded) throw new Error(`a repeated command answered replayed=${again.right.replayed}`);
      if (!sameData(again.right.events, first.right.events)) throw new Error('a repeated command answered other events than the first time');
    }
    await this.expectStoreHoldsWhatWasEmitted();
  }

  /** Replaying the stored events from the initial state rebuilds the state the run reached. */
  private async expectStoreHoldsWhatWasEmitted(): Promise<void> {
    const reloaded = await this.system.reload();
    if (reloaded.events.length !== this.emitted.length) {
      throw new Error(`the stream holds ${reloaded.events.length} events; ${this.emitted.length} were recorded`);
    }
    if (!sameData(reloaded.events, this.emitted)) throw new Error('the stored events decode to other events than were recorded');
    if (!sameData(reloaded.state, this.state)) throw new Error('replaying the stored events rebuilds another state');
  }
}

const describe = <Event, State>(outcome: HandlerOutcome<Event, State>): string =>
  E.isLeft(outcome) ? outcome.left.type : `${outcome.right.events.length} events`;

/**
 * The start of one model-based run: the model's initial value, and the real aggregate (by default the command
 * handler on a fresh in-memory store) counting the table rows its events take into `coverage`.
 */
export const modelRunSetup =
  <Model, Command, Event extends { readonly type: string }, State extends { readonly status: string }>(
    initialModel: Model,
    aggregate: Aggregate<Command, Event, State, unknown>,
    aggregateId: string,
    coverage: TransitionCoverage<string, string, string>,
    system: () => AggregateUnderTest<Command, Event, State> = () => handledAggregateUnderTest(aggregate, aggregateId),
  ) =>
  (): { model: ModelBox<Model>; real: DrivenAggregate<Command, Event, State> } => ({
    model: { value: initialModel },
    real: new DrivenAggregate(system(), aggregate.decider.evolve, aggregate.decider.initialState, coverage),
  });
