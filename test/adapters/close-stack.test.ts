import { describe, expect, it } from 'vitest';
import { closeStack } from '../../src/adapters/composition-root/close-stack.js';

describe('the composition root close stack', () => {
  it('closes in the reverse order of opening, each once', async () => {
    const closed: string[] = [];
    const stack = closeStack();
    stack.push(() => void closed.push('store'));
    stack.push(async () => void closed.push('read model'));
    stack.push(() => void closed.push('simulator'));
    await stack.closeAll();
    await stack.closeAll();
    expect(closed).toEqual(['simulator', 'read model', 'store']);
  });

  it('goes on after a failing close and throws that failure once everything else is closed', async () => {
    const closed: string[] = [];
    const stack = closeStack();
    stack.push(() => void closed.push('store'));
    stack.push(async () => {
      throw new Error('read model');
    });
    stack.push(() => void closed.push('simulator'));
    await expect(stack.closeAll()).rejects.toThrow('read model');
    expect(closed).toEqual(['simulator', 'store']);
  });

  it('throws every failure together when more than one close fails', async () => {
    const stack = closeStack();
    stack.push(() => {
      throw new Error('store');
    });
    stack.push(async () => {
      throw new Error('pool');
    });
    const failure = await stack.closeAll().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((e: Error) => e.message)).toEqual(['pool', 'store']);
  });
});
