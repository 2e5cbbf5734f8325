import { randomUUID } from 'node:crypto';
import { samplePageFile } from './sample-page-file.js';
import type { SimulatorPlatformClient } from './simulator-platform-client.js';

export interface HttpDemoOptions {
  readonly serviceUrl: string;
  readonly simulator: SimulatorPlatformClient;
  readonly print: (text: string) => void;
  /** Bearer key for the platform API, when it asks for one. */
  readonly apiKey?: string;
  /** How long to wait for Mangopay's outcome to reach the service through its hooks. */
  readonly outcomeTimeoutMs?: number;
}

/**
 * `kyc demo --url`: the platform's side of the three flows, over HTTP against a running service whose
 * Mangopay is the simulator. Outcomes reach the service only as Mangopay's do: through hooks.
 */
export const runHttpDemo = async (options: HttpDemoOptions): Promise<void> => {
  const { serviceUrl, simulator, print } = options;
  const auth: Record<string, string> = options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
  const call = async <T>(method: string, path: string, body?: object): Promise<T> => {
    const answer = await fetch(`${serviceUrl}${path}`, {
      method,
      headers: { ...auth, 'idempotency-key': randomUUID(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${text.slice(0, 300)}`);
    return (answer.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text) as T;
  };
  const waitFor = async (path: string, status: string): Promise<void> => {
    const deadline = Date.now() + (options.outcomeTimeoutMs ?? 15_000);
    for (;;) {
      const resource = await call<{ Status: string }>('GET', path);
      if (resource.Status === status) return;
      if (Date.now() > deadline) throw new Error(`${path} is still ${resource.Status}, expected ${status}: did the hooks reach the service?`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const natural = await simulator.createNaturalOwner();
  print(`natural user ${natural} created at Mangopay`);
  const identity = await call<{ Id: string }>('POST', `/users/${natural}/kyc/documents`, { Type: 'IDENTITY_PROOF', Tag: 'demo' });
  await call('POST', `/users/${natural}/kyc/documents/${identity.Id}/pages`, { File: samplePageFile('PNG', 48 * 1024) });
  await call('POST', `/users/${natural}/kyc/documents/${identity.Id}/pages`, { File: samplePageFile('PDF', 36 * 1024) });
  await call('PUT', `/users/${natural}/kyc/documents/${identity.Id}`, { Status: 'VALIDATION_ASKED' });
  await simulator.settleDocument(identity.Id, { status: 'VALIDATED' });
  await waitFor(`/kyc/documents/${identity.Id}`, 'VALIDATED');
  print(`IDENTITY_PROOF ${identity.Id}: VALIDATED`);

  const address = await call<{ Id: string }>('POST', `/users/${natural}/kyc/documents`, { Type: 'ADDRESS_PROOF' });
  await call('POST', `/users/${natural}/kyc/documents/${address.Id}/pages`, { File: samplePageFile('PNG', 8 * 1024) });
  await call('PUT', `/users/${natural}/kyc/documents/${address.Id}`, { Status: 'VALIDATION_ASKED' });
  await simulator.settleDocument(address.Id, { status: 'REFUSED', refusedReasonType: 'DOCUMENT_UNREADABLE', refusedReasonMessage: 'The document was not readable' });
  await waitFor(`/kyc/documents/${address.Id}`, 'REFUSED');
  print(`ADDRESS_PROOF ${address.Id}: REFUSED`);

  const legal = await simulator.createBusinessOwner();
  print(`legal (BUSINESS) user ${legal} created at Mangopay`);
  const session = await call<{ Id: string; HostedUrl: string }>('POST', `/users/${legal}/identity-verifications`, {
    ReturnUrl: 'https://platform.example/kyc/return',
  });
  await simulator.completeHostedSession(session.HostedUrl, 'validate');
  await waitFor(`/identity-verifications/${session.Id}`, 'VALIDATED');
  print(`IDV session ${session.Id}: VALIDATED through the hosted page\n`);

  for (const stream of [`KycDocument-${identity.Id}`, `KycDocument-${address.Id}`, `IdvSession-${session.Id}`, `UserKyc-${natural}`, `UserKyc-${legal}`]) {
    print(await call<string>('GET', `/audit/${stream}?format=text`));
  }
};
