import type { HookEventType } from './mangopay-words.js';
import type { HookDelivery } from './hook-delivery.js';
import { nowSeconds, type SimulatorSettings } from './simulator-options.js';
import type { SimulatorStore } from './simulator-store.js';

/** What every resource handler of one simulator shares. */
export interface SimulatorContext {
  readonly settings: SimulatorSettings;
  readonly store: SimulatorStore;
  readonly delivery: HookDelivery;
  /** Where the simulator listens, for the HostedUrl it hands out. */
  readonly baseUrl: () => string;
}

export const now = (context: SimulatorContext): number => nowSeconds(context.settings);

export const notify = (context: SimulatorContext, eventType: HookEventType, resourceId: string): void =>
  context.delivery.notify(context.store.hooks.values(), eventType, resourceId);

export const nextSeq = (context: SimulatorContext): number => context.store.nextSeq++;
