import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/server/db/unavailable';
import { AppError } from '@/server/errors';

/**
 * The one way a (panel) page reads a service: a signed-out viewer goes to sign-in; what isn't there,
 * isn't theirs or can't be asked for (a bad address) is the not-found page; anything else reaches
 * the error boundary (error.tsx), with the rest of the panel still working.
 */
export async function load<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError) {
      if (e.code === 'unauthenticated') redirect('/signin');
      if (e.code === 'forbidden' || e.code === 'not_found' || e.code === 'validation') notFound();
    }
    throw e;
  }
}

/**
 * A secondary part of a page (history beside live figures): read like `load()`, but when the
 * database or an upstream is away the part is null and the page still renders what it can.
 */
export async function loadPart<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await load(read);
  } catch (e) {
    if (isDatabaseUnavailable(e) || (e instanceof AppError && (e.code === 'unavailable' || e.code === 'upstream'))) return null;
    throw e;
  }
}
