// Carries the contract over one WebSocket per page: requests in, outcomes and streams out.
import * as v from 'valibot';
import type { WebSocket } from 'ws';
import type { ConsoleCore } from '../core/console-core';
import { ClientFrame, type ServerFrame } from '../contract/wire-protocol';
import { describeIssues } from '../contract/validation';

export function carryContractOver(socket: WebSocket, core: ConsoleCore): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  const detach = core.streams.attach((stream, payload) => send({ type: 'stream', stream, payload }));
  socket.on('close', detach);
  socket.on('error', detach);

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ type: 'protocol-error', message: 'the console expects text frames holding JSON' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      send({ type: 'protocol-error', message: 'a frame from the page was not valid JSON; it was ignored' });
      return;
    }
    const frame = v.safeParse(ClientFrame, parsed);
    if (!frame.success) {
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id)) {
        send({ type: 'outcome', id, outcome: { ok: false, error: { code: 'invalid-payload', message: `malformed request frame: ${describeIssues(frame.issues)}` } } });
      } else {
        send({ type: 'protocol-error', message: `malformed request frame: ${describeIssues(frame.issues)}` });
      }
      return;
    }
    const { id, name, params } = frame.output;
    void core.dispatch(name, params ?? null).then((outcome) => send({ type: 'outcome', id, outcome }));
  });
}
