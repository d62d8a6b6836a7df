// A slow link to one lab machine, made in user space because this machine's kernel has no netem:
// a TCP relay on loopback that passes every byte on to the machine's sshd, each direction held
// back by a fixed delay. Used with an nftables redirect (machine-faults.ts slowLinkTo), so the
// lab's own connections to that machine (the controller's jumps) go through it.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface DelayingRelay {
  port: number;
  /** Connections relayed so far (the drill checks the console's connection went through it). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Writes each chunk `delayMs` after it arrived, in order (a link with that one-way latency). */
function delayedPipe(from: Socket, to: Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
}

export function startDelayingRelay(target: { address: string; port: number }, delayMs: number): Promise<DelayingRelay> {
  let connections = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections += 1;
    const upstream = connect({ host: target.address, port: target.port });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    }
    delayedPipe(client, upstream, delayMs);
    delayedPipe(upstream, client, delayMs);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        get connections() {
          return connections;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of open) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
