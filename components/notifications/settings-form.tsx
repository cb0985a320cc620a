'use client';
import { useEffect, useState } from 'react';
import { Card } from '@/components/ui/card';
import type { MessageKey } from '@/lib/i18n';
import type { ChannelChoices, DeliveryFailureDto, NotifyChannel, NotifyEvent, PreferencesDto } from '@/lib/notify/prefs';
import { apiFetch } from '../providers/api-fetch';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';

// The notification settings page (issue 16): which events on which channel, quiet hours, this
// device's Web Push subscription, and (for the admin) what could not be delivered. The service
// worker is registered here only, so no other page loads anything for it.

const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';
const primary = `${btn} bg-brand-600 text-white hover:bg-brand-700`;
const secondary = `${btn} border border-slate-300 dark:border-slate-700`;
const field = 'min-h-11 rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900';

type PushState = 'unsupported' | 'denied' | 'on' | 'off' | 'unknown';

function urlBase64ToUint8Array(s: string): Uint8Array<ArrayBuffer> {
  const pad = '='.repeat((4 - (s.length % 4)) % 4);
  const raw = atob((s + pad).replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function PushDevice({ publicKey, devices }: { publicKey: string | null; devices: number }) {
  const { t } = useI18n();
  const { sayError } = useSay();
  const [state, setState] = useState<PushState>('unknown');
  const [count, setCount] = useState(devices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    // The service worker is registered here, on this page only (the home page loads nothing for it).
    const look = async (): Promise<PushState> => {
      if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
      if (Notification.permission === 'denied') return 'denied';
      const reg = await navigator.serviceWorker.register('/sw.js');
      return (await reg.pushManager.getSubscription()) ? 'on' : 'off';
    };
    void look().then(setState, () => setState('unsupported'));
  }, []);
  const enable = async () => {
    setBusy(true);
    setError(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState('denied');
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: urlBase64ToUint8Array(publicKey ?? '') }));
      const r = await apiFetch<{ devices: number }>('/api/notifications/push', sub.toJSON());
      setCount(r.devices);
      setState('on');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const disable = async () => {
    setBusy(true);
    setError(null);
    try {
      const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
      if (sub) {
        await apiFetch('/api/notifications/push', { endpoint: sub.endpoint }, 'DELETE');
        await sub.unsubscribe();
        setCount((n) => Math.max(0, n - 1));
      }
      setState('off');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('ns.push')}>
      <div className="grid gap-2" data-testid="push-device" data-state={state}>
        {/* This device's state is known only after load (the service worker): its line and button
            have their room from the first paint, so the cards under this one do not move. */}
        <div className={`grid content-start gap-2 ${publicKey === null ? '' : 'min-h-[4.75rem]'}`}>
          {publicKey === null ? <p>{t('ns.pushNotConfigured')}</p> : null}
          {publicKey !== null && state === 'unsupported' ? <p>{t('ns.pushUnsupported')}</p> : null}
          {publicKey !== null && state === 'denied' ? <p>{t('ns.pushDenied')}</p> : null}
          {publicKey !== null && (state === 'on' || state === 'off') ? (
            <>
              <p>{state === 'on' ? t('ns.pushOn') : t('ns.pushOff')}</p>
              <div>
                {state === 'on' ? (
                  <button type="button" className={secondary} disabled={busy} onClick={() => void disable()}>{t('ns.pushDisable')}</button>
                ) : (
                  <button type="button" className={primary} disabled={busy} onClick={() => void enable()}>{t('ns.pushEnable')}</button>
                )}
              </div>
            </>
          ) : null}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="push-count">{t('ns.pushCount', { n: count })}</p>
        {error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(error)}</p> : null}
      </div>
    </Card>
  );
}

function Preferences({ initial }: { initial: PreferencesDto }) {
  const { t, locale } = useI18n();
  const { sayError } = useSay();
  const [events, setEvents] = useState(initial.events);
  const [quiet, setQuiet] = useState(initial.quietStart !== null);
  const [from, setFrom] = useState(initial.quietStart ?? '22:00');
  const [to, setTo] = useState(initial.quietEnd ?? '07:00');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const { channels } = initial.available;
  const toggle = (e: NotifyEvent, c: NotifyChannel) => {
    setSaved(false);
    setEvents((prev) => ({ ...prev, [e]: { ...prev[e], [c]: !prev[e][c] } as ChannelChoices }));
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const chosen = Object.fromEntries(initial.available.events.map((e) => [e, events[e]]));
      await apiFetch('/api/notifications/settings', { events: chosen, quietStart: quiet ? from : null, quietEnd: quiet ? to : null, locale }, 'PUT');
      setSaved(true);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid gap-4" onSubmit={(e) => (e.preventDefault(), void save())}>
      <Card title={t('ns.events')}>
        <div className="grid gap-3">
          {initial.available.events.map((e) => (
            <fieldset key={e} className="grid gap-1 border-b border-slate-200 pb-2 last:border-0 dark:border-slate-800" data-testid={`pref-${e}`}>
              <legend className="font-medium">{t(`ns.ev.${e}` as MessageKey)}</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {channels.map((c) => (
                  <label key={c} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" className="h-5 w-5" checked={events[e][c]} onChange={() => toggle(e, c)} />
                    {t(`ns.ch.${c}` as MessageKey)}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      </Card>
      <Card title={t('ns.quiet')}>
        <div className="grid gap-2">
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('ns.quietHelp', { zone: initial.timeZone })}</p>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="h-5 w-5" checked={!quiet} onChange={() => (setQuiet(!quiet), setSaved(false))} />
            {t('ns.quietOff')}
          </label>
          {quiet ? (
            <div className="flex flex-wrap gap-3">
              <label className="grid gap-1 text-sm font-medium">
                {t('ns.quietFrom')}
                <input type="time" className={field} value={from} onChange={(e) => (setFrom(e.target.value), setSaved(false))} required />
              </label>
              <label className="grid gap-1 text-sm font-medium">
                {t('ns.quietTo')}
                <input type="time" className={field} value={to} onChange={(e) => (setTo(e.target.value), setSaved(false))} required />
              </label>
            </div>
          ) : null}
        </div>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primary} disabled={busy}>{t('ns.save')}</button>
        {saved ? <p role="status">{t('ns.saved')}</p> : null}
        {error ? <p role="alert" className="text-sm text-red-800 dark:text-red-200">{sayError(error)}</p> : null}
      </div>
    </form>
  );
}

function Failures({ failures }: { failures: DeliveryFailureDto[] }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('ns.failures')}>
      {failures.length === 0 ? (
        <p data-testid="failures-none">{t('ns.failuresNone')}</p>
      ) : (
        <ul className="grid gap-2" data-testid="failures">
          {failures.map((f) => (
            <li key={f.id} className="grid gap-0.5 break-words text-sm">
              <span className="font-medium">{t('ns.failureRow', { channel: t(`ns.ch.${f.channel}` as MessageKey), recipient: f.recipient ?? t('ns.everyone'), title: f.title })}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {new Date(f.createdAt).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })} · {t('ns.failureTries', { n: f.attempts })} · {f.state === 'failed' ? t('ns.failureFailed') : t('ns.failurePending')}
              </span>
              {f.lastError ? <code className="text-xs">{f.lastError}</code> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function NotificationSettings({ initial, failures }: { initial: PreferencesDto; failures: DeliveryFailureDto[] | null }) {
  const { t } = useI18n();
  return (
    <div className="grid max-w-2xl gap-4">
      <h1 className="text-2xl font-bold">{t('ns.title')}</h1>
      <p>{t('ns.intro')}</p>
      {initial.available.channels.includes('webpush') || initial.webPush.publicKey === null ? <PushDevice publicKey={initial.webPush.publicKey} devices={initial.webPush.subscriptions} /> : null}
      <Preferences initial={initial} />
      {failures ? <Failures failures={failures} /> : null}
    </div>
  );
}
