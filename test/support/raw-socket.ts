import { once } from 'node:events';
import * as net from 'node:net';

export interface Drained {
  /** Everything the server sent, as latin1 text. */
  readonly text: string;
  /** Milliseconds from `started` until the server closed the socket; undefined if it was still open after `ms`. */
  readonly closedAfter: number | undefined;
}

/** Reads from a raw socket until it closes (or `ms` pass); what arrived, and when the socket closed. */
export const drain = (socket: net.Socket, ms: number, started = Date.now()): Promise<Drained> =>
  new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedAfter: undefined });
    }, ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfter: Date.now() - started });
    });
  });

/**
 * Sends a request head announcing a body of `announced` bytes and then only `sent` of them, as a client that
 * uploads slowly (or never) would; resolves with what the server answered before closing, or after `ms`.
 * Whatever arrives cannot have come from reading the body: most of it was never sent.
 */
export const announceBody = async (
  port: number,
  request: { readonly method: string; readonly target: string; readonly announced: number; readonly sent: number; readonly ms: number },
): Promise<Drained> => {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const received = drain(socket, request.ms);
  socket.write(`${request.method} ${request.target} HTTP/1.1\r\nhost: kyc\r\ncontent-type: application/json\r\ncontent-length: ${request.announced}\r\n\r\n`);
  if (request.sent > 0) socket.write(Buffer.alloc(request.sent, 0x7b));
  return received;
};
