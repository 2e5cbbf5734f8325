import type { IncomingMessage } from 'node:http';

/** A page may be 10 MB of base64; anything much larger is refused without being kept in memory. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** Reads a request body up to the limit; past it, the rest is drained and dropped. */
export const readBody = (request: IncomingMessage): Promise<{ readonly text: string } | { readonly tooLarge: true }> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? { tooLarge: true } : { text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', reject);
  });
