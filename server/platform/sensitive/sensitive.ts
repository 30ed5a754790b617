import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field-level protection of sensitive personal information (security.md rows 14, 21):
 * SM4-CBC with a random IV, then HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC);
 * a keyed SM3 hash (blind index) for exact lookup; masks for display.
 */
export type SensitiveCipher = {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash of the normalised value, for exact search and uniqueness. */
  lookupHash(plain: string): string;
};

const VERSION = 1;

/** A subkey of the master key for one purpose (HKDF-SM3), so that no key serves two purposes. */
export function deriveKey(masterKey: Buffer, purpose: string, length = 32): Buffer {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  return Buffer.from(hkdfSync('sm3', masterKey, Buffer.alloc(0), `guanai ${purpose}`, length));
}

export function createSensitiveCipher(masterKey: Buffer): SensitiveCipher {
  const derive = (purpose: string, length: number) => deriveKey(masterKey, purpose, length);
  const encKey = derive('sm4 field encryption', 16);
  const macKey = derive('hmac-sm3 field mac', 32);
  const indexKey = derive('hmac-sm3 lookup index', 32);

  const mac = (data: Buffer) => createHmac('sm3', macKey).update(data).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const body = Buffer.concat([
        Buffer.from([VERSION]),
        iv,
        cipher.update(plain, 'utf8'),
        cipher.final(),
      ]);
      return Buffer.concat([body, mac(body)]).toString('base64');
    },
    decrypt(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      if (raw.length < 1 + 16 + 16 + 32 || raw[0] !== VERSION)
        throw new Error('not a sealed field');
      const body = raw.subarray(0, raw.length - 32);
      if (!timingSafeEqual(mac(body), raw.subarray(raw.length - 32)))
        throw new Error('sealed field was altered');
      const decipher = createDecipheriv('sm4-cbc', encKey, body.subarray(1, 17));
      return Buffer.concat([decipher.update(body.subarray(17)), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return createHmac('sm3', indexKey)
        .update(plain.normalize('NFKC').trim().toUpperCase())
        .digest('base64url');
    },
  };
}

/**
 * The master key from a key file (shared by every process of a deployment), generated into the file
 * on first start when it does not exist yet. The file holds `{"version":1,"masterKey":"<hex>"}`.
 */
export function loadOrCreateMasterKey(keyFile: string): Buffer {
  if (fs.existsSync(keyFile)) {
    const parsed = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { masterKey?: string };
    const key = Buffer.from(parsed.masterKey ?? '', 'hex');
    if (key.length !== 32) throw new Error(`${keyFile}: masterKey must be 64 hex digits`);
    return key;
  }
  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  // Written whole to a temporary file and linked into place, so a concurrent start reads either
  // nothing or the whole key, and the first writer wins.
  const temp = `${keyFile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ version: 1, masterKey: key.toString('hex') }) + '\n', {
    mode: 0o600,
  });
  try {
    fs.linkSync(temp, keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.unlinkSync(temp);
  }
  return loadOrCreateMasterKey(keyFile);
}

/** ID number: first 6 and last 4 (`210104********0011`). */
export function maskIdNumber(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

/** Mobile: first 3 and last 4 (`138****1234`); a landline keeps its area code and last 4. */
export function maskPhone(value: string): string {
  // a landline's extension (normalisePhone's `024-88886666-12`) is masked whole, so that the
  // number with and without it shows the same 4 digits
  const ext = /^(0\d{2,3}-?\d{7,8})-(\d{1,6})$/.exec(value.trim());
  if (ext) return `${maskPhone(ext[1] ?? '')}-${'*'.repeat(ext[2]?.length ?? 0)}`;
  const digits = value.replace(/[^\d]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  // Area codes are 3 digits for 010 and 02x, 4 for the rest (the same rule as normalisePhone).
  const area = /^0(?:10|2\d)/.test(digits)
    ? digits.slice(0, 3)
    : (/^0\d{3}/.exec(digits)?.[0] ?? '');
  return area + '*'.repeat(digits.length - area.length - 4) + digits.slice(-4);
}

/**
 * An address masked for every view alike: the part before the first number stays (city, district,
 * street or road), the rest does not, whether the number is written in ASCII or full-width digits,
 * in Chinese numerals (三号楼) or as a letter (A座). Without any number, at most the first half
 * stays, so that no view shows the building and another the door.
 */
export function maskAddress(address: string): string {
  const text = address.normalize('NFKC');
  const cut = text.search(/[0-9A-Za-z〇零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾#-]/);
  const kept = cut < 0 ? text.slice(0, Math.floor(text.length / 2)) : text.slice(0, cut);
  return `${kept}****`;
}
