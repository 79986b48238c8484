import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file in LEDGER_DATA_DIR that holds the ledger's signing key when LEDGER_SIGNING_KEY does not name one. */
export const SIGNING_KEY_FILE = 'signing-key.pem';

/** The Ed25519 key the ledger signs its checkpoints with. */
export interface LedgerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key's DER encoding (SubjectPublicKeyInfo), in hex: what a checkpoint names. */
  keyId: string;
  /** The public key as PEM (SPKI): what to give whoever checks the ledger's checkpoints. */
  publicKeyPem: string;
  /** Where the key came from: LEDGER_SIGNING_KEY, or the file in the data directory. */
  source: string;
}

/** The private key a PEM holds, which must be Ed25519; throws a message fit for a configuration error. */
export function parseSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`is not a PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is an ${key.asymmetricKeyType ?? 'unknown'} key; the ledger signs with Ed25519`);
  return key;
}

/** A public key from its PEM (SPKI), which must be Ed25519. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(`is not a PEM public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is an ${key.asymmetricKeyType ?? 'unknown'} key; the ledger signs with Ed25519`);
  return key;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

function ledgerKey(privateKey: KeyObject, source: string): LedgerKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), source };
}

export interface SigningKeySettings {
  dataDir: string;
  /** LEDGER_SIGNING_KEY, already read and checked: the PEM of an Ed25519 private key. */
  signingKey?: string;
}

/**
 * The ledger's signing key: from LEDGER_SIGNING_KEY when set, else `signing-key.pem` in the data
 * directory, created there (mode 0600) on first use when `create` is set. Undefined when there is
 * none and none may be created.
 */
export function loadSigningKey(settings: SigningKeySettings, options: { create: boolean }): LedgerKey | undefined {
  if (settings.signingKey) return ledgerKey(parseSigningKey(settings.signingKey), 'LEDGER_SIGNING_KEY');
  const file = join(settings.dataDir, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    if (!options.create) return undefined;
    mkdirSync(settings.dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      // 'wx': never over another process's key created meanwhile; 0600: readable by this user only.
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  try {
    return ledgerKey(parseSigningKey(readFileSync(file, 'utf8')), file);
  } catch (error) {
    throw new Error(`${file} ${(error as Error).message}`);
  }
}
