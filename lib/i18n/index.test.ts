import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { messagesFor, SOURCES, translator } from './catalogue';
import { en } from './en';
import { pickLocale, translate, type MessageKey } from './index';
import { formatMessage, msg } from './message';

const KEYS = Object.keys(en) as MessageKey[];

/** The argument names of an ICU message (each language may put the plural on another one). */
function args(els: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of els) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out.add(e.value);
      for (const o of Object.values(e.options)) args(o.value, out);
    }
    if (e.type === TYPE.tag) args(e.children, out);
  }
  return out;
}

describe('i18n', () => {
  it('picks the cookie first, then Accept-Language by quality, else English', () => {
    expect(pickLocale('fr', 'en-US,en;q=0.9')).toBe('fr');
    expect(pickLocale(null, 'fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(pickLocale(undefined, 'de-DE,en;q=0.5,fr;q=0.7')).toBe('fr');
    expect(pickLocale('xx', 'de')).toBe('en');
    expect(pickLocale(null, null)).toBe('en');
    expect(pickLocale(null, 'fr;q=0')).toBe('en');
  });

  it('fills placeholders; a missing one or an unknown key shows the key, never a crash', () => {
    const t = translator('fr');
    expect(t('home.down', { name: 'Musique', time: '14:05' })).toBe('Musique est en panne depuis 14:05');
    expect(translator('en')('home.allGood')).toBe('Everything is running');
    expect(translate(messagesFor('en'), 'en', 'cluster.restarts', {})).toBe('cluster.restarts');
    expect(translate(messagesFor('en'), 'en', 'no.such.key' as MessageKey)).toBe('no.such.key');
    expect(translate(messagesFor('en'), 'en', 'home.down', { name: 'Music' })).toBe('Music is down since {time}');
  });

  it('every message of both catalogues is valid ICU, and French has the English arguments', () => {
    for (const key of KEYS) {
      expect(SOURCES.fr[key], key).toBeTruthy();
      const [e, f] = (['en', 'fr'] as const).map((l) => [...args(parse(SOURCES[l][key]))].sort());
      expect(f, key).toEqual(e);
    }
  });

  it('says plurals by the book, in both languages', () => {
    const [en_, fr_] = [translator('en'), translator('fr')];
    expect(en_('cluster.restarts', { n: 1 })).toBe('1 restart');
    expect(en_('cluster.restarts', { n: 3 })).toBe('3 restarts');
    expect(fr_('cluster.restarts', { n: 0 })).toBe('0 redémarrage');
    expect(fr_('cluster.restarts', { n: 2 })).toBe('2 redémarrages');
    expect(en_('promo.differ', { n: 1 })).toBe('1 service differs between DEV and PROD.');
    expect(fr_('promo.differ', { n: 4 })).toBe('4 services diffèrent entre DEV et PROD.');
    expect(en_('cluster.nodesReady', { ready: 1, total: 1 })).toBe('1 of 1 node ready');
    expect(en_('promo.pending', { n: 1 })).toBe('1 promotion waiting for you');
  });

  it('says numbers, sizes and durations the French way in French', () => {
    expect(translator('fr')('capacity.used', { used: 5.5, total: 64 })).toBe('5,5 Go utilisés sur 64');
    expect(translator('en')('capacity.used', { used: 5.5, total: 64 })).toBe('5.5 of 64 GB in use');
    const fr = (m: ReturnType<typeof msg>) => formatMessage(m, translator('fr'), 'fr', 'UTC');
    expect(fr(msg('srv.memory.ok', { need: { bytes: 5.5 * 1024 ** 3 }, free: { bytes: 40 * 1024 ** 3 } }))).toBe('Assez de mémoire : il faut 5,5 Go, 40 Go libres.');
    expect(fr(msg('gate.soak.label', { time: { ms: 24 * 3_600_000 } }))).toBe('DEV stable pendant 24 h');
    expect(fr(msg('gate.soak.label', { time: { ms: 72 * 3_600_000 } }))).toBe('DEV stable pendant 3 jours');
    expect(formatMessage(msg('gate.soak.label', { time: { ms: 25 * 24 * 3_600_000 + 3_600_000 } }), translator('en'), 'en')).toBe('DEV stable for 25 days 1 h');
  });

  it('no "(s)" plural shortcut and no placeholder left in any message of either language', () => {
    for (const l of ['en', 'fr'] as const)
      for (const key of KEYS) expect(SOURCES[l][key], `${l} ${key}`).not.toMatch(/\w\(s\)|\(e?s\)/);
  });
});
