// Carries the contract over one WebSocket per page: requests in, outcomes and streams out.
import * as v from 'valibot';
import type { WebSocket } from 'ws';
import type { ConsoleCore } from '../core/console-core';
import { ClientFrame, type ServerFrame, terminalFrameHeaderBytes, writeTerminalFrameHeader } from '../contract/wire-protocol';
import type { TerminalData } from '../contract/terminals';
import { describeIssues } from '../contract/validation';
import { serverFrameJson } from '../contract/known-json';
import { REQUESTS_PER_SECOND, RequestRateLimit } from './request-rate-limit';

export function carryContractOver(socket: WebSocket, core: ConsoleCore): void {
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(serverFrameJson(frame));
  };

  const detach = core.streams.attach((stream, payload) => {
    if (stream === 'terminal.data') sendTerminalData(payload as TerminalData);
    else send({ type: 'stream', stream, payload });
  });
  const sendTerminalData = ({ id, data, chars }: TerminalData) => {
    if (socket.readyState !== socket.OPEN) return;
    const header = terminalFrameHeaderBytes(id);
    const frame = Buffer.allocUnsafe(header + (typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength));
    writeTerminalFrameHeader(frame, id, chars);
    if (typeof data === 'string') frame.write(data, header, 'utf8');
    else frame.set(data, header);
    socket.send(frame, { binary: true });
  };
  const rateLimit = new RequestRateLimit();
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
    if (!rateLimit.allows(name)) {
      const message = `this page sent more than ${REQUESTS_PER_SECOND} requests a second; ${name.slice(0, 80)} was not run (terminals go on): try again in a moment`;
      send({ type: 'outcome', id, outcome: { ok: false, error: { code: 'rate-limited', message } } });
      return;
    }
    void core.dispatch(name, params ?? null).then((outcome) => send({ type: 'outcome', id, outcome }));
  });
}
