import { webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubernetesList } from '../../src/gcp/kubernetes-http.js';
import { classifyError, describeCollectionError } from '../../src/gcp/errors.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A CA and a server certificate for 127.0.0.1 signed by it, as a GKE control plane has (an IP endpoint). */
async function authority(name: string) {
  const caKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    issuer: ca.subject,
    subject: 'CN=127.0.0.1',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return {
    // GKE's masterAuth.clusterCaCertificate: the PEM, base64-encoded.
    caCertificate: Buffer.from(ca.toString('pem')).toString('base64'),
    cert: cert.toString('pem'),
    key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`,
  };
}

let server: Server;
let base: string;
let caCertificate: string;
let otherCa: string;
const seen: { url: string; authorization?: string }[] = [];

beforeAll(async () => {
  const cluster = await authority('cluster CA');
  otherCa = (await authority('another CA')).caCertificate;
  caCertificate = cluster.caCertificate;
  server = createServer({ cert: cluster.cert, key: cluster.key }, (request, response) => {
    seen.push({
      url: request.url ?? '',
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    if (request.url === '/apis/argoproj.io/v1alpha1/applications') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
    } else if (request.url?.startsWith('/apis/apps/v1/namespaces/argocd/deployments')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"DeploymentList","items":[]}');
    } else {
      response.writeHead(403, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          kind: 'Status',
          code: 403,
          message:
            'constrainttemplates is forbidden: requires one of ["container.thirdPartyObjects.list"] permission(s).',
        }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('reading a cluster API over HTTPS', () => {
  it('verifies the server against the cluster CA and sends the Google token as a bearer token', async () => {
    const list = await kubernetesList(
      { base, caCertificate, token: 'ya29.token', timeoutMs: 5000 },
      '/apis/apps/v1/namespaces/argocd/deployments',
    );
    expect(list).toEqual({ kind: 'DeploymentList', items: [] });
    expect(seen.at(-1)).toEqual({
      url: '/apis/apps/v1/namespaces/argocd/deployments',
      authorization: 'Bearer ya29.token',
    });
  });

  it('refuses a server whose certificate another CA signed: no answer is read', async () => {
    const before = seen.length;
    await expect(
      kubernetesList(
        { base, caCertificate: otherCa, token: 'ya29.token', timeoutMs: 5000 },
        '/apis/apps/v1/namespaces/argocd/deployments',
      ),
    ).rejects.toThrow(/certificate/i);
    expect(seen.length).toBe(before);
  });

  it('a resource type the cluster lacks is null; a refusal is an error naming the permission', async () => {
    const server = { base, caCertificate, token: 't', timeoutMs: 5000 };
    expect(await kubernetesList(server, '/apis/argoproj.io/v1alpha1/applications')).toBeNull();
    const refusal = await kubernetesList(server, '/apis/templates.gatekeeper.sh/v1/constrainttemplates').catch(
      (error: unknown) => error,
    );
    expect(describeCollectionError(classifyError(refusal))).toBe(
      'permission denied: missing container.thirdPartyObjects.list',
    );
  });

  it("keeps a plural taken from the cluster's own data as one path segment", async () => {
    const server = { base, caCertificate, token: 't', timeoutMs: 5000 };
    await kubernetesList(server, '/apis/constraints.gatekeeper.sh/v1beta1/a%2F..%2Fsecrets?x').catch(() => undefined);
    expect(seen.at(-1)!.url).toBe('/apis/constraints.gatekeeper.sh/v1beta1/a%252F..%252Fsecrets%3Fx');
  });
});
