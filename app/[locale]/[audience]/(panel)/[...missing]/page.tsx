import { notFound } from 'next/navigation';

// An address no page of the panel has (the proxy rewrites every one under /<locale>/<audience>/):
// the panel's not-found page, inside its header.
export default function Missing() {
  notFound();
}
