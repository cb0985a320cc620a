import 'server-only';
import { notFound, redirect } from 'next/navigation';
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
