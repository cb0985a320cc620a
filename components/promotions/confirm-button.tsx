'use client';
import { useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../providers/i18n';

const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';

// A PROD-changing button: the click opens a modal dialog naming what will change; only its confirm
// button acts. The server's exactly-once claim stays behind it either way (two confirms → one change).
export function ConfirmButton(props: { label: ReactNode; className: string; disabled?: boolean; message: string; confirmLabel: string; onConfirm: () => void; testId?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const confirm = () => {
    ref.current?.close();
    props.onConfirm();
  };
  return (
    <>
      <button type="button" className={props.className} disabled={props.disabled} onClick={() => ref.current?.showModal()} aria-haspopup="dialog" data-testid={props.testId}>
        {props.label}
      </button>
      <dialog ref={ref} aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} className="max-w-md rounded-xl border border-slate-300 bg-white p-5 text-slate-900 backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
        <h2 id={`${id}-t`} className="text-lg font-semibold">{t('promo.confirm.title')}</h2>
        <p id={`${id}-d`} className="mt-2 break-words text-sm">{props.message}</p>
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" autoFocus className={`${btn} border border-slate-300 dark:border-slate-700`} onClick={() => ref.current?.close()}>
            {t('promo.confirm.cancel')}
          </button>
          <button type="button" className={`${btn} bg-brand-600 text-white hover:bg-brand-700`} onClick={confirm}>
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
