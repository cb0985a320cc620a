import { describe, expect, it } from 'vitest';
import { messagesFor, type Locale } from './index';
import { localizeServerText as localize } from './server-text';

// What still comes as English text: the auth guard's and the HTTP layer's sentences. (The gaming and
// DEV-power services send codes: message.test.ts.)
const localizeServerText = (text: string, locale: Locale) => localize(text, locale, messagesFor(locale));

describe('localizeServerText', () => {
  it('says the guard and HTTP sentences in French, English as it is', () => {
    const sentences = ['You may not do this.', 'Sign in first.', 'The panel answered 502.', 'Cross-site request refused.', 'Your account has no access to the panel yet. Ask Paul for access.'];
    for (const s of sentences) {
      expect(localizeServerText(s, 'en')).toBe(s);
      const fr = localizeServerText(s, 'fr');
      expect(fr, s).not.toBe(s);
      expect(fr, s).not.toMatch(/\{\w+\}/);
    }
    expect(localizeServerText('The panel answered 502.', 'fr')).toBe('Le panneau a répondu 502.');
  });

  it('shows an unknown sentence as it came', () => {
    expect(localizeServerText('Something new from the server.', 'fr')).toBe('Something new from the server.');
  });
});
