import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, languages, translator } from '../../../server/web/i18n.ts';
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
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(text!), key).toEqual(names(en[key as keyof typeof en]));
      }
    }
  });

  it('fills placeholders and falls back to English', () => {
    expect(translator('de')('login.demoUse', { name: 'Eva', role: 'Sponsor' })).toBe('Als Eva anmelden (Sponsor)');
    expect(translator('cs')('search.title')).toBe(en['search.title']);
  });
});
