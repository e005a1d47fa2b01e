import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  dir: string;
  /** The test CA's certificate. */
  ca: string;
  /** A server certificate for `serverName` alone (not for 127.0.0.1, where the tests reach it), signed by the CA, and its key. */
  serverCert: string;
  serverKey: string;
  /** A client certificate signed by the CA, and its key. */
  clientCert: string;
  clientKey: string;
  /** A second CA that signed nothing here: trusting it alone must fail. */
  otherCa: string;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function signed(dir: string, name: string, subject: string, extensions: string): void {
  openssl(
    dir,
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}-key.pem`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
  );
}

/**
 * A throwaway CA with a server and a client certificate, made with Debian's openssl when the
 * test runs: nothing secret is committed, and every run has its own keys.
 */
export function makeTestCertificates(dir: string, serverName: string): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const selfSigned = (name: string, subject: string) =>
    openssl(
      dir,
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.pem`,
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  selfSigned('ca', '/CN=Promwall test CA');
  selfSigned('other-ca', '/CN=Another test CA');
  signed(dir, 'server', `/CN=${serverName}`, `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
  signed(dir, 'client', '/CN=promwall', 'extendedKeyUsage=clientAuth\n');
  const at = (file: string) => path.join(dir, file);
  return {
    dir,
    ca: at('ca.pem'),
    serverCert: at('server.pem'),
    serverKey: at('server-key.pem'),
    clientCert: at('client.pem'),
    clientKey: at('client-key.pem'),
    otherCa: at('other-ca.pem'),
  };
}
