/** The only source of time for the application. The domain never reads a clock: commands carry their dates. */
export interface Clock {
  readonly now: () => Date;
}
