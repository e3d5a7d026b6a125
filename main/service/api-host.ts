// What every transport (Electron IPC, the headless HTTP/WebSocket server) needs from the service:
// one validated entry point per method and one event stream. Validation happens here, once, so no
// transport can forget it.
import type { ApiEvent, MethodName, MethodOutput } from '../../shared/api.ts';
import { methods } from '../../shared/api.ts';
import { DomainError } from '../../shared/errors.ts';
import { texts } from './texts.ts';

/** A refusal of the API itself (bad input, no such line): a DomainError like the components' own. */
export class ApiFailure extends DomainError {}

/** A payload that does not fit the method's schema: which fields, and what is wrong with each. */
export function invalidInput(method: string, issues: string[]): ApiFailure {
  // The sentence names the problems without their paths; `issues` keeps the paths for the form.
  const detail = issues.map((i) => i.replace(/^[\w.()]+:\s*/, '')).join('; ');
  return new ApiFailure('invalid-input', texts.invalidInput(detail), { issues, message: `Invalid input for ${method}: ${issues.join('; ')}` });
}

export type Handlers = { [M in MethodName]: (input: import('zod').infer<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M> };

/** previewImport for a request body already saved to a file: the HTTP server hands it over unparsed. */
export type ImportUploads = { folder(): string; previewImport(path: string, client: string): Promise<MethodOutput<'previewImport'>> };

export interface ApiHost {
  /** Validates `input` against the contract, runs the method, validates nothing more (outputs are typed). */
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  uploads?: ImportUploads;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Parses a method's input with its schema; a bad payload becomes a 400 naming the field and the problem. */
export function parseInput<M extends MethodName>(method: M, input: unknown) {
  const schema = methods[method].input;
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw invalidInput(
      method,
      result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`),
    );
  }
  return result.data as import('zod').infer<(typeof methods)[M]['input']>;
}

export function createApiHost(handlers: Handlers, subscribe: (listener: (event: ApiEvent) => void) => () => void): ApiHost {
  return {
    async call(method, input) {
      if (!isMethodName(method)) throw new ApiFailure('unknown-method', texts.unknownMethod(String(method)), { status: 404 });
      const parsed = parseInput(method, input);
      const handler = handlers[method] as (i: unknown) => Promise<unknown> | unknown;
      return (await handler(parsed)) as never;
    },
    onEvent: subscribe,
  };
}
