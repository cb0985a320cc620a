import { describe, expect, it } from 'vitest';
import { reshapeHttpRoute, reshapeIngress } from './reshape-routes';

const metadata = (annotations: Record<string, string>, labels: Record<string, string> = {}) => ({ name: 'emby', namespace: 'media', labels, annotations });
const enabled = { 'gethomepage.dev/enabled': 'true', 'gethomepage.dev/name': 'Emby', 'gethomepage.dev/widget.key': 'secret-api-key', 'nginx.ingress.kubernetes.io/rewrite': 'x' };

describe('Ingress and HTTPRoute → the Homepage fields of a tile', () => {
  it("keeps an enabled Ingress's Homepage annotations (not its widget secrets) and Homepage's default href", () => {
    const ing = { metadata: metadata(enabled, { 'app.kubernetes.io/instance': 'emby-prod' }), spec: { tls: [{ hosts: ['emby.example.com'] }], rules: [{ host: 'emby.example.com', http: { paths: [{ path: '/web' }] } }] } };
    expect(reshapeIngress(ing)).toEqual({ kind: 'Ingress', namespace: 'media', name: 'emby', app: 'emby-prod', homepage: { 'gethomepage.dev/enabled': 'true', 'gethomepage.dev/name': 'Emby' }, href: 'https://emby.example.com/web' });
    expect(reshapeIngress({ ...ing, spec: { rules: [{ host: 'emby.lan' }] } })?.href).toBe('http://emby.lan/');
    expect(reshapeIngress({ ...ing, spec: { rules: [{ host: '*.example.com' }] } })?.href).toBeNull();
    expect(reshapeIngress({ ...ing, spec: {} })?.href).toBeNull();
  });

  it('ignores routes Homepage would not show', () => {
    expect(reshapeIngress({ metadata: metadata({ 'gethomepage.dev/name': 'Emby' }) })).toBeNull();
    expect(reshapeHttpRoute({ metadata: metadata({ 'gethomepage.dev/enabled': 'false' }) })).toBeNull();
  });

  it("reads an HTTPRoute's first hostname and path, as HTTPS", () => {
    const r = { metadata: metadata(enabled), spec: { hostnames: ['films.example.com', 'b.example.com'], rules: [{ matches: [{ path: { value: '/app' } }] }] } };
    expect(reshapeHttpRoute(r)).toMatchObject({ kind: 'HTTPRoute', app: null, href: 'https://films.example.com/app' });
  });
});
