// What every transport (Electron IPC, the headless HTTP/WebSocket server) needs from the service:
// one validated entry point per method and one event stream. Validation happens here, once, so no
// transport can forget it.
import type { ApiEvent, MethodName, MethodOutput } from '../../shared/api.ts';
import { methods } from '../../shared/api.ts';
import type { Text } from '../../shared/domain.ts';

/** An error that crosses the API: a stable code, an HTTP-ish status, a sentence a person can act on. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  readonly text: Text | undefined;
  readonly issues: string[] | undefined;
  constructor(code: string, message: string, options: { status?: number; text?: Text; issues?: string[] } = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? 400;
    this.text = options.text;
    this.issues = options.issues;
  }
  toJSON() {
    return { code: this.code, message: this.message, ...(this.text ? { text: this.text } : {}), ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export type Handlers = { [M in MethodName]: (input: import('zod').infer<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M> };

export interface ApiHost {
  /** Validates `input` against the contract, runs the method, validates nothing more (outputs are typed). */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Parses a method's input with its schema; a bad payload becomes a 400 naming the field and the problem. */
export function parseInput<M extends MethodName>(method: M, input: unknown) {
  const schema = methods[method].input;
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`);
    throw new ApiFailure('invalid-input', `Invalid input for ${method}: ${issues.join('; ')}`, { status: 400, issues });
  }
  return result.data as import('zod').infer<(typeof methods)[M]['input']>;
}

export function createApiHost(handlers: Handlers, subscribe: (listener: (event: ApiEvent) => void) => () => void): ApiHost {
  return {
    async call(method, input) {
      if (!isMethodName(method)) throw new ApiFailure('unknown-method', `There is no API method "${String(method)}".`, { status: 404 });
      const parsed = parseInput(method, input);
      const handler = handlers[method] as (i: unknown) => Promise<unknown> | unknown;
      return (await handler(parsed)) as never;
    },
    onEvent: subscribe,
  };
}
