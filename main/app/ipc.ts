// The API contract over Electron IPC: one `ipcMain.handle('ringfence:<method>')` per contract method. Each
// handler checks who is asking (our page, its main frame, nothing else) and validates the payload with the
// contract's schema before the service sees it (Electron security checklist item 17).
//
// Replies are values, never rejections: Electron flattens a rejected handler into "Error invoking remote
// method ...: Error: ..." and drops the code and the bilingual text, so we send
// `{ ok: true, value }` or `{ ok: false, error: ApiError }` and the preload turns the latter back into a
// rejection whose `message` is the sentence.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { methodNames, type ApiError, type ApiEvent, type MethodName } from '../../shared/api.ts';
import { parseInput, toApiError, type ApiHost } from '../service/index.ts';
import { originOf } from './security.ts';

/** The preload (main/preload.ts) spells these two strings itself: it may import nothing from main/. */
export const METHOD_CHANNEL_PREFIX = 'ringfence:';
export const EVENT_CHANNEL = 'ringfence:event';

export type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** The part of a frame the check needs (Electron's WebFrameMain has both). */
export type SenderFrame = { readonly url: string; readonly parent: unknown };

export type SenderCheck = { ok: true } | { ok: false; reason: string };

/** Only the main frame of a page from the trusted origin may call the API; a subframe or a stray page may not. */
export function checkSender(frame: SenderFrame | null | undefined, trustedOrigin: string): SenderCheck {
  if (!frame) return { ok: false, reason: 'the calling frame is gone' };
  if (frame.parent !== null) return { ok: false, reason: `a subframe (${frame.url}) is not allowed to call the API` };
  const origin = originOf(frame.url);
  if (origin !== trustedOrigin) return { ok: false, reason: `${origin ?? frame.url} is not ${trustedOrigin}` };
  return { ok: true };
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** One handler: sender check, schema check, the call, and the reply as a value. */
export function apiHandler(method: MethodName, host: ApiHost, options: { trustedOrigin: string; log: Log }) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, input: unknown): Promise<IpcReply> => {
    const sender = checkSender(event.senderFrame, options.trustedOrigin);
    if (!sender.ok) {
      options.log('warn', `Refused IPC call ${method}: ${sender.reason}.`);
      return { ok: false, error: { code: 'forbidden-sender', message: `This page may not use the Ringfence API: ${sender.reason}.` } };
    }
    try {
      const parsed = parseInput(method, input);
      return { ok: true, value: await host.call(method, parsed) };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'internal') options.log('error', `${method} failed: ${(error as Error)?.stack ?? String(error)}`);
      return { ok: false, error: apiError };
    }
  };
}

/** Registers every contract method; returns the function that removes them all again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, host: ApiHost, options: { trustedOrigin: string; log: Log }): () => void {
  for (const method of methodNames) ipcMain.handle(METHOD_CHANNEL_PREFIX + method, apiHandler(method, host, options));
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(METHOD_CHANNEL_PREFIX + method);
  };
}

/** Sends a service event to every live window that still shows our page. */
export function broadcastEvent(targets: readonly Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'>[], event: ApiEvent, trustedOrigin: string): number {
  let sent = 0;
  for (const contents of targets) {
    if (contents.isDestroyed() || originOf(contents.getURL()) !== trustedOrigin) continue;
    contents.send(EVENT_CHANNEL, event);
    sent += 1;
  }
  return sent;
}
