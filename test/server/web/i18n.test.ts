import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillText, fromAcceptLanguage, languages, translator } from '../../../server/web/i18n.ts';
import { en } from '../../../server/web/messages/en.ts';
import { de } from '../../../server/web/messages/de.ts';
import { cs } from '../../../server/web/messages/cs.ts';

describe('fromAcceptLanguage', () => {
  it('takes the best supported language by q-weight, then by order', () => {
    expect(fromAcceptLanguage('cs-CZ,cs;q=0.9,en;q=0.5')).toBe('cs');
    expect(fromAcceptLanguage('fr-FR, de;q=0.8, en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('fr, de-AT;q=0.4')).toBe('de');
    expect(fromAcceptLanguage('de;q=0, cs;q=0.1')).toBe('cs');
    expect(fromAcceptLanguage('*')).toBe('en');
    expect(fromAcceptLanguage(undefined)).toBe('en');
  });

  it('answers a supported language for any header, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        expect(languages).toContain(fromAcceptLanguage(header));
      }),
    );
  });
});

describe('the catalogues', () => {
  it('translate only keys that exist in English, with the same placeholders', () => {
    for (const catalogue of [de, cs]) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(Object.keys(en), key).toContain(key);
        const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
        expect(names(text!), key).toEqual(names(en[key as keyof typeof en]));
      }
    }
  });

  it('fills placeholders and falls back to English', () => {
    expect(translator('de')('login.demoUse', { name: 'Eva', role: 'Sponsor' })).toBe('Als Eva anmelden (Sponsor)');
    expect(translator('cs')('search.title')).toBe(en['search.title']);
    // Counts take the form of their number, in each language.
    expect(translator('en')('ucd.record.checkedValue', { decisions: 1, predictions: 2 })).toBe('1 decision, 2 predictions');
    expect(translator('de')('ucd.record.checkedValue', { decisions: 1, predictions: 2 })).toBe('1 Entscheidung, 2 Vorhersagen');
    expect(translator('cs')('tr.overall.goodValue', { good: 1, count: 1 })).toMatch(/^1 z 1 případu užití:/);
    expect(translator('en')('line.sources.allFresh', { count: 1 })).toBe('The source delivers on time.');
  });

  it('leave no placeholder unfilled in any language, plurals included, whatever the numbers', () => {
    const catalogues = { en, de, cs } as const;
    fc.assert(
      fc.property(fc.constantFrom(...languages), fc.nat(100_000), (language, n) => {
        const t = translator(language);
        for (const [key, text] of Object.entries(catalogues[language])) {
          const values = Object.fromEntries([...text!.matchAll(/\{(\w+)[},]/g)].map((m) => [m[1], n]));
          expect(t(key as keyof typeof en, values), key).not.toMatch(/[{}]/);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('fillText', () => {
  const czech = new Intl.PluralRules('cs');
  const days = 'za {n, plural, =0 {dnes} one {# den} few {# dny} other {# dní}}, {who}';
  it('picks an exact form, else the language’s plural category, else other', () => {
    expect(fillText(days, { n: 0, who: 'Eva' }, czech)).toBe('za dnes, Eva');
    expect(fillText(days, { n: 1, who: 'Eva' }, czech)).toBe('za 1 den, Eva');
    expect(fillText(days, { n: 3, who: 'Eva' }, czech)).toBe('za 3 dny, Eva');
    expect(fillText(days, { n: 12, who: 'Eva' }, czech)).toBe('za 12 dní, Eva');
    const english = new Intl.PluralRules('en');
    expect(fillText('{n, plural, one {# decision} other {# decisions}}', { n: 1 }, english)).toBe('1 decision');
    expect(fillText('{n, plural, one {# decision} other {# decisions}}', { n: 2 }, english)).toBe('2 decisions');
    // A category without a form of its own takes `other`; a value that is no number too.
    expect(fillText('{n, plural, other {# parts}}', { n: 1 }, english)).toBe('1 parts');
    expect(fillText('{n, plural, one {# part} other {# parts}}', { n: '–' }, english)).toBe('– parts');
  });

  it('leaves a placeholder without a value as written', () => {
    const text = '{n, plural, one {# part} other {# parts}} by {who}';
    expect(fillText(text, {}, new Intl.PluralRules('en'))).toBe(text);
  });
});
