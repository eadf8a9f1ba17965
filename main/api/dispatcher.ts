// The one dispatcher behind every transport (Electron IPC, the localhost bridge, the CLI): it validates the
// arguments against the contract, runs the handler and turns any failure into a readable `Reply`.
import { z } from 'zod';
import { methods, type ApiErrorShape, type MethodName, type ParsedArgs, type Reply, type Result } from './contract';

export type Handlers = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<Result<M>> | Result<M>;
};

export interface Dispatcher {
  dispatch(method: string, args: unknown): Promise<Reply>;
}

export function isMethod(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function createDispatcher(handlers: Handlers, opts: { checkResults?: boolean } = {}): Dispatcher {
  return {
    async dispatch(method, rawArgs) {
      if (!isMethod(method)) return fail('unknown-method', `unknown method "${method}"`);
      const spec = methods[method];
      const parsed = spec.args.safeParse(rawArgs ?? {});
      if (!parsed.success) {
        return fail('invalid-args', `${method}: ${z.prettifyError(parsed.error)}`);
      }
      try {
        const handler = handlers[method] as (a: unknown) => unknown;
        const result = await handler(parsed.data);
        // Results are checked in tests so a handler cannot drift from the contract unnoticed.
        if (opts.checkResults) {
          const checked = spec.result.safeParse(result);
          if (!checked.success) {
            return fail('internal', `${method} returned a result outside the contract: ${z.prettifyError(checked.error)}`);
          }
        }
        return { ok: true, result } as Reply;
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    },
  };
}

export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const known: Record<string, string> = {
      UserError: 'bad-input',
      CorpusError: 'bad-input',
      NotFoundError: 'not-found',
      CancelledError: 'cancelled',
    };
    const ownCode = typeof code === 'string' && /^[a-z-]+$/.test(code) ? code : null;
    // A UserError says its own code ('conflict', 'not-found'); it defaults to 'bad-input'.
    const mapped = (err.name === 'UserError' ? ownCode : null) ?? known[err.name] ?? ownCode ?? 'internal';
    return { code: mapped, message: err.message };
  }
  return { code: 'internal', message: String(err) };
}

function fail(code: string, message: string): Reply {
  return { ok: false, error: { code, message } };
}
