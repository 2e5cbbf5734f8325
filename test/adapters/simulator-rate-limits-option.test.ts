import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseRateLimits } from '../../src/adapters/cli/simulator-command.js';

/** `kyc simulator --rate-limits`: Mangopay's windows by default; a bench or a test raises or narrows them. */
describe('kyc simulator --rate-limits', () => {
  it('reads <seconds>:<calls> windows, shortest first', () => {
    expect(parseRateLimits('900:2300, 3600:8800')).toEqual([
      { seconds: 900, limit: 2300 },
      { seconds: 3600, limit: 8800 },
    ]);
  });

  it.each(['', '900', '900:0', '0:10', 'a:b', '900:2300;3600:8800'])('refuses %j with the form it takes', (value) => {
    expect(() => parseRateLimits(value)).toThrow(InvalidArgumentError);
    expect(() => parseRateLimits(value)).toThrow(/<seconds>:<calls>/);
  });
});
