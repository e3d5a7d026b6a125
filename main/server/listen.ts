// `--listen HOST:PORT` and the rule that guards it: loopback only, unless a token protects the API.
import type { Text } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { texts } from './texts.ts';

export type ListenAddress = { host: string; port: number };

/** A --listen address that is malformed, or that would expose the API without a token. */
export class ListenError extends DomainError {
  constructor(text: Text) {
    super('invalid-listen', text);
  }
}

export function parseListen(value: string): ListenAddress {
  const m = value.match(/^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/);
  if (!m) throw new ListenError(texts.notHostPort(value));
  const host = (m[1] ?? m[2])!;
  const port = Number(m[3]);
  if (port > 65535) throw new ListenError(texts.portOutOfRange(port));
  return { host, port };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Refuses to expose the API beyond this machine without a token: call screening data is private. */
export function checkExposure(address: ListenAddress, token: string | undefined): void {
  if (isLoopback(address.host)) return;
  if (!token) {
    throw new ListenError(texts.exposedWithoutToken(address.host));
  }
  if (token.length < 16) throw new ListenError(texts.tokenTooShort());
}
