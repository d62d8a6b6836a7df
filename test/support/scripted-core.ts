// A console core for page-side tests: it answers requests from a script (an answer may wait)
// and lets the test push its streams. Every request is recorded.
import type { ConsoleApi, RequestName, StreamName, StreamPayload } from '../../electron/contract/console-contract';

export function scriptedCore(answers: Partial<Record<RequestName, (params: never) => unknown>>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const requests: { name: RequestName; params: unknown }[] = [];
  const api: ConsoleApi = {
    request: (async (name: RequestName, params: unknown) => {
      requests.push({ name, params });
      const answer = answers[name];
      return answer ? (answer as (params: unknown) => unknown)(params) : null;
    }) as ConsoleApi['request'],
    listen: ((stream: string, listener: (payload: unknown) => void) => {
      listeners.set(stream, listener);
      return () => listeners.delete(stream);
    }) as ConsoleApi['listen'],
  };
  const push = <N extends StreamName>(stream: N, payload: StreamPayload<N>) => listeners.get(stream)?.(payload);
  return { api, requests, push };
}
