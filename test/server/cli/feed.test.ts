import { describe, expect, it } from 'vitest';
import { joinSpans, parseFrom, run } from '../../../server/cli/feed.ts';

describe('twinward feed', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  it('starts now, a span back, or at an instant in the past', () => {
    expect(parseFrom(undefined, now)).toBe(now);
    expect(parseFrom('-6h', now)).toBe(now - 6 * 3_600_000);
    expect(parseFrom('-30m', now)).toBe(now - 30 * 60_000);
    expect(parseFrom('-1.5d', now)).toBe(now - 1.5 * 86_400_000);
    expect(parseFrom('2026-12-01T06:00:00Z', now)).toBe(Date.parse('2026-12-01T06:00:00Z'));
    expect(parseFrom('2026-12-04T06:00:00Z', now)).toBeNull();
    expect(parseFrom('yesterday', now)).toBeNull();
    // A span back is typed as `--from -6h`, which parseArgs alone would take for an option.
    expect(joinSpans(['--line', 'cs1', '--from', '-6h', '--speedup', '60'])).toEqual(['--line', 'cs1', '--from=-6h', '--speedup', '60']);
    expect(joinSpans(['--from', '--line'])).toEqual(['--from', '--line']);
  });

  it('refuses what it cannot do with a usage line and exit code 2', async () => {
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => errors.push(s) > 0) as typeof process.stderr.write;
    try {
      expect(await run([])).toBe(2);
      expect(await run(['--line', 'cs1', '--to', 'ftp://x'])).toBe(2);
      expect(await run(['--line', 'cs1', '--to', 'http://localhost:3000'])).toBe(2);
      expect(await run(['--line', 'cs1', '--to', 'mqtt://localhost', '--speedup', '0'])).toBe(2);
      expect(await run(['--line', 'cs1', '--to', 'mqtt://localhost', '--from', 'tomorrow'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(/--line is needed/);
    expect(errors.join('')).toMatch(/needs an http/);
    expect(errors.join('')).toMatch(/needs --token or TWINWARD_TOKEN/);
    expect(errors.join('')).toMatch(/--speedup is a number/);
    expect(errors.join('')).toMatch(/--from is an instant/);
  });
});
