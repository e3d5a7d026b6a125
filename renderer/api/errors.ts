// Failures as values the UI can turn into a sentence. Whatever went wrong — a 400 from the server, a lost
// connection, an Electron IPC rejection — reaches a component as an ApiCallError with a stable code.
import type { Text } from '../../shared/domain.ts';

export type ApiErrorCode = 'invalid-input' | 'unauthorized' | 'unknown-method' | 'unreachable' | 'server-error' | (string & {});

export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number | null;
  readonly text: Text | null;
  readonly issues: string[];
  constructor(code: ApiErrorCode, message: string, options: { status?: number | null; text?: Text | null; issues?: string[] } = {}) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.status = options.status ?? null;
    this.text = options.text ?? null;
    this.issues = options.issues ?? [];
  }
}

/** Reads the `{ error: {code, message, text?, issues?} }` body of a failed HTTP call. */
export function errorFromResponse(status: number, body: unknown): ApiCallError {
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  const fallbackCode = status === 401 ? 'unauthorized' : status === 404 ? 'unknown-method' : status === 400 ? 'invalid-input' : 'server-error';
  const code = typeof error?.code === 'string' ? error.code : fallbackCode;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const text = isText(error?.text) ? error.text : null;
  const issues = Array.isArray(error?.issues) ? error.issues.filter((i): i is string => typeof i === 'string') : [];
  return new ApiCallError(code, message, { status, text, issues });
}

/**
 * Electron's ipcRenderer.invoke rejects with "Error invoking remote method 'ringfence:x': Error: …" and
 * drops every property but the message; main may embed the API error as JSON in it, so look for that.
 */
export function errorFromIpc(e: unknown): ApiCallError {
  if (e instanceof ApiCallError) return e;
  // Our preload rejects with a plain `{ name: 'RingfenceError', code, message, text?, issues?, status? }`:
  // a plain object crosses the context bridge whole, where an Error would lose everything but its message.
  if (typeof e === 'object' && e !== null && !(e instanceof Error) && typeof (e as { code?: unknown }).code === 'string') {
    const status = (e as { status?: unknown }).status;
    return errorFromResponse(typeof status === 'number' ? status : 400, { error: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  const json = message.match(/\{.*\}\s*$/s)?.[0];
  if (json) {
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      if (typeof parsed.code === 'string') {
        return errorFromResponse(typeof parsed.status === 'number' ? parsed.status : 400, { error: parsed });
      }
    } catch {
      // Not JSON after all: fall through to the plain message.
    }
  }
  const bare = message.replace(/^Error invoking remote method '[^']*':\s*(\w*Error:\s*)?/, '');
  return new ApiCallError('server-error', bare);
}

export function toApiCallError(e: unknown): ApiCallError {
  if (e instanceof ApiCallError) return e;
  return new ApiCallError('server-error', e instanceof Error ? e.message : String(e));
}

function isText(v: unknown): v is Text {
  return typeof v === 'object' && v !== null && typeof (v as Text).en === 'string' && typeof (v as Text).zh === 'string';
}

/**
 * Which form field a 400 is about. The server names fields in `issues` ("value: …") or in its message
 * ("Invalid input for addRule: value: …"; settings: "Setting screening.shield.calls is invalid: …").
 */
export function fieldOfError(error: ApiCallError): string | null {
  for (const issue of error.issues) {
    const m = issue.match(/^([\w.]+):/);
    if (m?.[1] && m[1] !== '(input)') return m[1];
  }
  const setting = error.message.match(/Setting ([\w.]+) is invalid/);
  if (setting?.[1]) return setting[1];
  const input = error.message.match(/Invalid input for \w+: ([\w.]+):/);
  return input?.[1] ?? null;
}
