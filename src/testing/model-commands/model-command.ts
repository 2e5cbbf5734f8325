import type fc from 'fast-check';
import { recordsNothing, type Expectation } from '../models/expectation.js';

/** fast-check's model is mutated in place: the model values are immutable, so they live in a box. */
export interface ModelBox<Model> {
  value: Model;
}

/** The last observation the aggregate accepted, how the model reads it, and how many events were recorded when it was. */
export interface LastObservation<Command> {
  readonly command: Command;
  readonly step: (model: never) => ModelStep<unknown>;
  readonly recordedBefore: number;
}

/** What model commands need of the real side (a `DrivenAggregate`). */
export interface Driven<Command> {
  lastObservation: LastObservation<Command> | undefined;
  readonly emitted: ReadonlyArray<unknown>;
  readonly send: (command: Command, expected: Expectation) => Promise<unknown>;
  readonly resendLast: () => Promise<void>;
}

export interface ModelStep<Model> {
  readonly expected: Expectation;
  readonly next: Model;
}

/**
 * One command of a model-based run: sends `command` to the real aggregate, checks the outcome is what the
 * model's `step` says, and moves the model on. `whenAbsent` lets a few commands reach an aggregate that does
 * not exist yet, so most of a run is spent on one that does.
 */
export class SendCommand<Model, Command> implements fc.AsyncCommand<ModelBox<Model>, Driven<Command>> {
  constructor(
    private readonly label: string,
    private readonly command: Command,
    private readonly step: (model: Model) => ModelStep<Model>,
    private readonly exists: (model: Model) => boolean,
    private readonly whenAbsent: boolean,
    private readonly isObservation = false,
  ) {}

  check(model: Readonly<ModelBox<Model>>): boolean {
    return this.whenAbsent || this.exists(model.value);
  }

  async run(model: ModelBox<Model>, real: Driven<Command>): Promise<void> {
    const { expected, next } = this.step(model.value);
    await real.send(this.command, expected);
    model.value = next;
    if (this.isObservation && expected.kind === 'events') {
      real.lastObservation = { command: this.command, step: this.step as (model: never) => ModelStep<unknown>, recordedBefore: real.emitted.length };
    }
  }

  toString(): string {
    return this.label;
  }
}

/**
 * Mangopay's hooks come twice and re-fetches repeat: the last accepted observation again, under a new command
 * id. Right after the first (nothing recorded since), it must record nothing; later, what the model says.
 */
export class RepeatLastObservation<Model, Command> implements fc.AsyncCommand<ModelBox<Model>, Driven<Command>> {
  check(): boolean {
    return true;
  }

  async run(model: ModelBox<Model>, real: Driven<Command>): Promise<void> {
    const last = real.lastObservation;
    if (last === undefined) return;
    const { expected, next } = (last.step as (model: Model) => ModelStep<Model>)(model.value);
    const duplicate = real.emitted.length === last.recordedBefore;
    if (duplicate && (expected.kind !== 'events' || expected.events.length > 0)) throw new Error('the model records something for a duplicated observation');
    await real.send(last.command, duplicate ? recordsNothing : expected);
    model.value = next;
  }

  toString(): string {
    return 'repeat the last observation';
  }
}

/** A client retrying after a timeout: the last command again under the same command id has the effect of once. */
export class RetryLastCommand<Model, Command> implements fc.AsyncCommand<ModelBox<Model>, Driven<Command>> {
  check(): boolean {
    return true;
  }

  async run(_model: ModelBox<Model>, real: Driven<Command>): Promise<void> {
    await real.resendLast();
  }

  toString(): string {
    return 'retry the last command (same command id)';
  }
}
