// `--listen HOST:PORT` and the rule that guards it: loopback only, unless a token protects the API.
export type ListenAddress = { host: string; port: number };

export class ListenError extends Error {
  readonly code = 'invalid-listen';
}

export function parseListen(value: string): ListenAddress {
  const m = value.match(/^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/);
  if (!m) throw new ListenError(`--listen "${value}" is not HOST:PORT (for example 127.0.0.1:7345).`);
  const host = (m[1] ?? m[2])!;
  const port = Number(m[3]);
  if (port > 65535) throw new ListenError(`--listen port ${port} is out of range (0–65535).`);
  return { host, port };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Refuses to expose the API beyond this machine without a token: call screening data is private. */
export function checkExposure(address: ListenAddress, token: string | undefined): void {
  if (isLoopback(address.host)) return;
  if (!token) {
    throw new ListenError(
      `Refusing to listen on ${address.host}: anyone on the network could read your call history. Add --token <secret> (at least 16 characters) or listen on 127.0.0.1.`,
    );
  }
  if (token.length < 16) throw new ListenError('The --token must be at least 16 characters long.');
}
