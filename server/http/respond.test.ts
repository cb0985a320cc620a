import { describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message';
import { ConflictError } from '../errors';
import { actionResult, jsonRoute } from './respond';

describe('coded messages in error bodies', () => {
  it('adds `msg` beside the English `message` when the error carries one, and only then', async () => {
    const coded = await jsonRoute(async () => {
      throw new ConflictError('A DEV power change is already in progress.').withMsg(msg('srv.dev.busy'));
    });
    expect(coded.status).toBe(409);
    expect(await coded.json()).toEqual({ error: { code: 'conflict', message: 'A DEV power change is already in progress.', msg: { code: 'srv.dev.busy' } } });
    const plain = await jsonRoute(async () => {
      throw new ConflictError('Something else.');
    });
    expect((await plain.json()).error).toEqual({ code: 'conflict', message: 'Something else.' });
    const action = await actionResult(async () => {
      throw new ConflictError('The gaming PC is not running, so there is nothing to extend.').withMsg(msg('srv.extend.notRunning'));
    });
    expect(action).toMatchObject({ ok: false, code: 'conflict', msg: { code: 'srv.extend.notRunning' } });
  });
});
