import 'reflect-metadata'
import { X509Certificate, createPrivateKey, webcrypto } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { hostname, networkInterfaces } from 'node:os'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import { writeFileAtomic } from '../storage/atomic-write'

/**
 * The till link's TLS certificate for LAN mode: made on first use with @peculiar/x509 (ECDSA
 * P-256, self-signed, five years), kept owner-only in the data folder, and identified to tills
 * by its SHA-256 fingerprint, which they pin (no certificate authority is involved).
 */
export interface TillCertificate {
  key: string
  cert: string
  /** SHA-256 of the DER certificate, as colon-separated hex pairs. */
  fingerprint: string
}

type SelfSignedParams = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const YEARS = 5

type ProviderCrypto = ReturnType<typeof x509.cryptoProvider.get>
x509.cryptoProvider.set(x509.CryptoProvider.DEFAULT, webcrypto as unknown as ProviderCrypto)

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a && !a.internal && a.family === 'IPv4' ? [a.address] : []))
}

const pem = (label: string, der: ArrayBuffer): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`

async function generate(now: Date): Promise<{ key: string; cert: string }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair
  const names: x509.JsonGeneralName[] = [
    { type: 'dns', value: 'localhost' },
    { type: 'dns', value: hostname() },
    { type: 'ip', value: '127.0.0.1' },
    ...lanAddresses().map((value) => ({ type: 'ip' as const, value })),
  ]
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: 'CN=POS Companion till link',
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + YEARS * 365 * 24 * 3600_000),
    keys: keys as unknown as SelfSignedParams['keys'],
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return { key: pem('PRIVATE KEY', pkcs8), cert: cert.toString('pem') }
}

/** The stored certificate when it is still good for a month; a new one otherwise. */
export async function ensureCertificate(
  dataDir: string,
  now = new Date(),
): Promise<TillCertificate> {
  const keyPath = join(dataDir, 'till-link-key.pem')
  const certPath = join(dataDir, 'till-link-cert.pem')
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')])
    const parsed = new X509Certificate(cert)
    const monthAhead = now.getTime() + 30 * 24 * 3600_000
    if (
      new Date(parsed.validTo).getTime() > monthAhead &&
      parsed.checkPrivateKey(createPrivateKey(key))
    ) {
      return { key, cert, fingerprint: parsed.fingerprint256 }
    }
  } catch {
    // Missing or unusable: make a new one below.
  }
  const made = await generate(now)
  await writeFileAtomic(keyPath, made.key)
  await writeFileAtomic(certPath, made.cert)
  return { ...made, fingerprint: new X509Certificate(made.cert).fingerprint256 }
}
