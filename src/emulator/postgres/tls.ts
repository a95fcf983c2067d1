import { webcrypto } from 'node:crypto';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR = 365 * 86_400_000;

export interface ServerCertificate {
  cert: string;
  key: string;
}

/**
 * A server CA of the emulator's own, as each Cloud SQL instance has one: it signs one certificate per instance
 * whose common name is PROJECT:INSTANCE, the name Cloud SQL's server certificates carry. Clients verify the
 * chain against the instance's serverCaCert and that name, exactly as against Cloud SQL.
 */
export class ServerCa {
  private readonly issued = new Map<string, Promise<ServerCertificate>>();

  private constructor(
    private readonly x509: typeof import('@peculiar/x509'),
    private readonly keys: CryptoKeyPair,
    readonly pem: string,
    readonly subject: string,
    readonly serial: string,
    readonly expires: Date,
  ) {}

  static async create(): Promise<ServerCa> {
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    // Certificates are checked by the TLS stack against the operating system's clock, not gtp's: their validity is
    // set from that same clock, on purpose.
    const expires = new Date(Date.now() + 10 * YEAR);
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=Google Cloud SQL Server CA, O=gtp emulator, C=US',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: expires,
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
      ],
    });
    return new ServerCa(x509, keys, ca.toString('pem'), ca.subject, ca.serialNumber, expires);
  }

  /** The server certificate of one instance, CN=PROJECT:INSTANCE, signed by this CA. */
  certificateFor(project: string, instance: string): Promise<ServerCertificate> {
    const name = `${project}:${instance}`;
    let issued = this.issued.get(name);
    if (!issued) {
      issued = (async () => {
        const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
        const cert = await this.x509.X509CertificateGenerator.create({
          serialNumber: (this.issued.size + 2).toString(16).padStart(2, '0'),
          issuer: this.subject,
          subject: `CN=${name}`,
          notBefore: new Date(Date.now() - 60_000),
          notAfter: new Date(Date.now() + YEAR),
          publicKey: keys.publicKey,
          signingKey: this.keys.privateKey,
          signingAlgorithm: ALGORITHM,
        });
        const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
        const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, '$&\n')}\n-----END PRIVATE KEY-----\n`;
        return { cert: cert.toString('pem'), key };
      })();
      this.issued.set(name, issued);
    }
    return issued;
  }

  /** The instance's serverCaCert, as the Cloud SQL Admin API describes it (an SslCert). */
  sslCert(project: string, instance: string): Record<string, unknown> {
    return {
      kind: 'sql#sslCert',
      certSerialNumber: this.serial,
      cert: this.pem,
      commonName: this.subject,
      expirationTime: this.expires.toISOString(),
      instance,
      selfLink: `https://sqladmin.googleapis.com/v1/projects/${project}/instances/${instance}/sslCerts`,
    };
  }
}
