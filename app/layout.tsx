// The document itself is rendered by app/[locale]/layout.tsx, which knows the language from its
// segment (the proxy rewrites every page there): this root only passes through, one root for every
// page, so moving between pages never reloads the document.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
