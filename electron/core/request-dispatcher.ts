// Turns (name, untrusted params) from any carrier into a RequestOutcome: unknown names and bad
// payloads are answered with a clear error value, handler failures never escape as exceptions.
import * as v from 'valibot';
import {
  consoleRequests,
  isRequestName,
  type RequestName,
  type RequestOutcome,
  type RequestResult,
  type ValidatedParams,
} from '../contract/console-contract';
import { ConsoleError } from '../contract/console-errors';
import { describeIssues } from '../contract/validation';

export type RequestHandlers = {
  [N in RequestName]: (params: ValidatedParams<N>) => Promise<RequestResult<N>> | RequestResult<N>;
};

export type RequestDispatcher = (name: unknown, params: unknown) => Promise<RequestOutcome>;

/** Called with failures that are bugs (not user errors), so the host can log them. */
export type InternalErrorReporter = (request: string, error: unknown) => void;

export function createRequestDispatcher(
  handlers: RequestHandlers,
  reportInternalError: InternalErrorReporter = () => {},
): RequestDispatcher {
  return async (name, params) => {
    if (!isRequestName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : `a ${typeof name}`;
      return failure('unknown-request', `the console core has no request named ${shown}`);
    }
    const checked = v.safeParse(consoleRequests[name].params, params);
    if (!checked.success) {
      return failure('invalid-payload', `${name}: ${describeIssues(checked.issues)}`);
    }
    try {
      const handler = handlers[name] as (validated: unknown) => unknown;
      const result = await handler(checked.output);
      return { ok: true, result: result ?? null };
    } catch (error) {
      if (error instanceof ConsoleError) return { ok: false, error: error.toValue() };
      reportInternalError(name, error);
      const detail = error instanceof Error ? error.message : String(error);
      return failure('internal', `${name} failed inside the console: ${detail}`);
    }
  };
}

function failure(code: ConsoleError['code'], message: string): RequestOutcome {
  return { ok: false, error: { code, message } };
}
