import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPattern } from '../../../server/search/index.ts';

/** The LIKE semantics PostgreSQL applies to a pattern with the default escape character. */
function likeMatches(pattern: string, text: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(text);
}

describe('containsPattern', () => {
  it('matches exactly the texts that contain the term literally, wildcards and backslashes included', () => {
    const alphabet = fc.constantFrom('a', 'b', '%', '_', '\\');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 4 }), fc.string({ unit: alphabet, maxLength: 8 }), (term, text) => {
        expect(likeMatches(containsPattern(term), text)).toBe(text.includes(term));
      }),
    );
  });
});
