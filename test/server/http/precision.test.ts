import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presentNumber } from '../../../server/http/precision.ts';

describe('numbers at the presentation edge', () => {
  it('drops floating-point noise and keeps small rates and integers exact', () => {
    expect(presentNumber(0.1 + 0.3)).toBe(0.4);
    expect(presentNumber(9.142857142857153)).toBe(9.14285714286);
    expect(presentNumber(1.234e-7)).toBe(1.234e-7);
    expect(presentNumber(237723648)).toBe(237723648);
    expect(presentNumber(-0.30000000000000004)).toBe(-0.3);
  });

  it('moves no number by more than its 12th significant digit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const shown = presentNumber(v);
        expect(Math.abs(shown - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-12);
        expect(presentNumber(shown)).toBe(shown);
      }),
    );
  });
});
