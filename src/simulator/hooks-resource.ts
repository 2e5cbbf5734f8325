import { CreateHookBody, decodeBody, UpdateHookBody } from './request-bodies.js';
import { nextSeq, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { notFound, ok, paramError, type Reply } from './simulator-reply.js';
import { paginate, readListParams } from './list-params.js';
import type { SimulatedHook } from './simulator-store.js';
import { hookWire } from './wire-shapes.js';

/** Mangopay keeps one hook per EventType. */
export const createHook = (context: SimulatorContext, body: unknown): Reply => {
  const decoded = decodeBody(CreateHookBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const { EventType, Url, Tag } = decoded.value;
  if ([...context.store.hooks.values()].some((hook) => hook.eventType === EventType)) {
    return paramError({ EventType: 'A hook has already been registered for this EventType.' }, now(context));
  }
  const hook: SimulatedHook = {
    id: newId('hook', context.settings.now()),
    seq: nextSeq(context),
    creationDate: now(context),
    eventType: EventType,
    url: Url,
    status: 'ENABLED',
    tag: Tag ?? null,
  };
  context.store.hooks.set(hook.id, hook);
  return ok(hookWire(hook));
};

export const viewHook = (context: SimulatorContext, hookId: string): Reply => {
  const hook = context.store.hooks.get(hookId);
  return hook === undefined ? notFound('Hook', hookId, now(context)) : ok(hookWire(hook));
};

export const updateHook = (context: SimulatorContext, hookId: string, body: unknown): Reply => {
  const hook = context.store.hooks.get(hookId);
  if (hook === undefined) return notFound('Hook', hookId, now(context));
  const decoded = decodeBody(UpdateHookBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  const { Url, Status, Tag } = decoded.value;
  if (Url !== undefined && Url !== null) hook.url = Url;
  if (Status !== undefined && Status !== null) hook.status = Status;
  if (Tag !== undefined && Tag !== null) hook.tag = Tag;
  return ok(hookWire(hook));
};

export const listHooks = (context: SimulatorContext, query: URLSearchParams): Reply => {
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const { page, headers } = paginate([...context.store.hooks.values()], read.params, (hook) => [hook.creationDate, hook.seq]);
  return ok(page.map(hookWire), headers);
};
