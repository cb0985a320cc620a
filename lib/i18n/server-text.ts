// The few sentences the auth guard and the HTTP layer still send in English (en-server.ts: "You may not
// do this.", "Sign in first.", …) are recognised by their templates and re-rendered in the viewer's
// language; anything unknown is shown as it came (never lost). The gaming and DEV-power services send
// message codes instead (./message.ts).
import { enServer } from './en-server';
import type { Locale, Messages, Vars } from './index';

type ServerKey = keyof typeof enServer;

interface Template {
  key: ServerKey;
  re: RegExp;
  names: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(key: ServerKey): Template {
  const names: string[] = [];
  const source = enServer[key]
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? (names.push(part.slice(1, -1)), '(.+?)') : escape(part)))
    .join('');
  return { key, re: new RegExp(`^${source}$`, 'i'), names };
}

// Longest first, so "… free while the DEV cluster is running." wins over "… free.".
const TEMPLATES: Template[] = (Object.keys(enServer) as ServerKey[]).sort((a, b) => enServer[b].length - enServer[a].length).map(compile);

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A size like "32 GB" in the viewer's units ("32 Go"); other values unchanged. */
function localizeValue(v: string, locale: Locale, messages: Messages, depth: number): string {
  const inner = match(v, locale, messages, depth + 1);
  if (inner !== null) return inner;
  return locale === 'fr' ? v.replace(/(\d(?:[.,]\d+)?) GB\b/g, (_m, n: string) => `${n.replace('.', ',')} Go`) : v;
}

function match(text: string, locale: Locale, messages: Messages, depth: number): string | null {
  if (depth > 3) return null;
  for (const t of TEMPLATES) {
    const m = t.re.exec(text);
    if (!m) continue;
    const vars: Vars = {};
    t.names.forEach((name, i) => (vars[name] = localizeValue(m[i + 1], locale, messages, depth)));
    const out = (messages[t.key] ?? enServer[t.key]).replace(/\{(\w+)\}/g, (p, name: string) => (name in vars ? String(vars[name]) : p));
    return /^[A-Z]/.test(text) ? upperFirst(out) : out;
  }
  // ProxmoxError messages are a clause made into a sentence: "Proxmox took too long."
  const sentence = /^(.+)\.$/.exec(text);
  if (sentence) {
    const clause = match(sentence[1], locale, messages, depth + 1);
    if (clause !== null) return `${clause}.`;
  }
  return null;
}

/** An English sentence from the server, in the viewer's language (`messages`) when it is one we know. */
export function localizeServerText(text: string, locale: Locale, messages: Messages): string {
  if (locale === 'en') return text;
  return match(text.trim(), locale, messages, 0) ?? text;
}
