export { startMangopaySimulator } from './start-mangopay-simulator.js';
export type { MangopaySimulator, SimulatorAnswer, SimulatorControl } from './start-mangopay-simulator.js';
export type { MangopayApiEra, MangopaySimulatorOptions } from './simulator-options.js';
export type { DocumentOutcome } from './document-settlement.js';
export type { SessionOutcome } from './session-settlement.js';
export type { FaultPlan } from './fault-injection.js';
export type { HookDeliveryRecord } from './hook-delivery.js';
export type { RateLimitWindow } from './rate-limits.js';
export type { UboDeclarationOutcome } from './ubo-declaration-settlement.js';
