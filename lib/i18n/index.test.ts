import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import { pickLocale, translate, translator } from './index';

describe('i18n', () => {
  it('picks the cookie first, then Accept-Language by quality, else English', () => {
    expect(pickLocale('fr', 'en-US,en;q=0.9')).toBe('fr');
    expect(pickLocale(null, 'fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLocale(undefined, 'de-DE,en;q=0.5,fr;q=0.7')).toBe('fr');
    expect(pickLocale('xx', 'de')).toBe('en');
    expect(pickLocale(null, null)).toBe('en');
    expect(pickLocale(null, 'fr;q=0')).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('fr');
    expect(t('home.down', { name: 'Musique', time: '14:05' })).toBe('Musique est en panne depuis 14:05');
    expect(translator('en')('home.allGood')).toBe('Everything is running');
    expect(translate(en, 'home.down', { name: 'Music' })).toBe('Music is down since {time}');
  });

  it('French has every English key, each with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(fr[key], key).toBeTruthy();
      expect(vars(fr[key]), key).toEqual(vars(en[key]));
    }
  });
});
