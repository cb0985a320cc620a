// HTML of the simulated Keycloak login page. Plain, accessible, and small.
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function loginPage(opts: { action: string; error?: string; username?: string; clientName: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to homelab</title>
<style>
body{font-family:system-ui,sans-serif;background:#f3f4f6;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:2rem;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15);width:min(22rem,90vw)}
h1{font-size:1.25rem;margin:0 0 .25rem}p{color:#4b5563;margin:.25rem 0 1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #9ca3af;border-radius:8px;font-size:1rem}
button{margin-top:1.25rem;width:100%;padding:.7rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;font-size:1rem;font-weight:600}
.error{color:#b91c1c;font-weight:600}
</style></head>
<body><main>
<h1>homelab</h1><p>Sign in to continue to ${esc(opts.clientName)}</p>
${opts.error ? `<p class="error" role="alert">${esc(opts.error)}</p>` : ''}
<form method="post" action="${esc(opts.action)}">
<label for="username">Username or email</label>
<input id="username" name="username" autocomplete="username" autofocus value="${esc(opts.username ?? '')}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="kc-login">Sign In</button>
</form></main></body></html>`;
}

/** RP-initiated logout: Keycloak ends the session without asking when an id_token_hint is given. */
export function logoutPage(form: string): string {
  const withConfirm = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head>
<body><p>Signing out…</p>${withConfirm}<script>document.forms[0].submit()</script></body></html>`;
}
