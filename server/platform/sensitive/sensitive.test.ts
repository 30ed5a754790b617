import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSensitiveCipher,
  loadOrCreateMasterKey,
  maskAddress,
  maskIdNumber,
  maskPhone,
} from './sensitive.ts';

describe('the SM primitives of Node that the platform relies on', () => {
  it('SM3("abc") is the GB/T 32905 example digest', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('SM4 encrypts the GB/T 32907 example block to its example ciphertext', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('createSensitiveCipher', () => {
  const cipher = createSensitiveCipher(randomBytes(32));

  it('decrypts what it encrypted: digits, Chinese text and the empty string', () => {
    for (const plain of ['13800138000', '210104194501010011', '沈阳市大东区小河沿路 1 号', '']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('never shows the plain text and encrypts the same value differently each time', () => {
    const a = cipher.encrypt('13800138000');
    const b = cipher.encrypt('13800138000');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('13800138000');
  });

  it('refuses a ciphertext with any one byte flipped', () => {
    const raw = Buffer.from(cipher.encrypt('13800138000'), 'base64');
    for (const at of [1, 17, raw.length - 40, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[at] = (altered[at] as number) ^ 0x01;
      expect(() => cipher.decrypt(altered.toString('base64'))).toThrow(/altered/);
    }
  });

  it('refuses a truncated value, an unknown version and a value sealed under another key', () => {
    const sealed = cipher.encrypt('13800138000');
    const raw = Buffer.from(sealed, 'base64');
    expect(() => cipher.decrypt(raw.subarray(0, 40).toString('base64'))).toThrow(
      /not a sealed field/,
    );
    const version2 = Buffer.from(raw);
    version2[0] = 2;
    expect(() => cipher.decrypt(version2.toString('base64'))).toThrow(/not a sealed field/);
    expect(() => createSensitiveCipher(randomBytes(32)).decrypt(sealed)).toThrow(/altered/);
  });

  it('wants a 32-byte master key', () => {
    expect(() => createSensitiveCipher(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('lookupHash is stable, keyed, and normalises full-width characters, case and spaces', () => {
    const other = createSensitiveCipher(randomBytes(32));
    const hash = cipher.lookupHash('21010419450101001X');
    expect(cipher.lookupHash('21010419450101001X')).toBe(hash);
    expect(cipher.lookupHash('21010419450101001x')).toBe(hash);
    expect(cipher.lookupHash('２１０１０４１９４５０１０１００１ｘ')).toBe(hash);
    expect(cipher.lookupHash(' 21010419450101001X ')).toBe(hash);
    expect(cipher.lookupHash('210104194501010011')).not.toBe(hash);
    expect(other.lookupHash('21010419450101001X')).not.toBe(hash);
    expect(hash).not.toContain('210104');
  });
});

describe('masks', () => {
  it('an ID number keeps its first 6 and last 4 characters', () => {
    expect(maskIdNumber('210104194501010011')).toBe('210104********0011');
    expect(maskIdNumber('21010419450101001X')).toBe('210104********001X');
  });

  it('a value too short to mask partly is masked whole', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });

  it('a mobile keeps its first 3 and last 4 digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
  });

  it('a landline keeps its area code and last 4 digits', () => {
    expect(maskPhone('024-88886666')).toBe('024****6666');
    expect(maskPhone('0415-1234567')).toBe('0415***4567');
    expect(maskPhone('1234')).toBe('****');
  });

  it('a landline with an extension shows the same 4 digits as without it, the extension masked', () => {
    expect(maskPhone('024-88886666-123')).toBe('024****6666-***');
    expect(maskPhone('024-88886666')).toBe('024****6666');
  });

  it.each([
    ['沈阳市大东区测试路12号3-2-1', '沈阳市大东区测试路****'],
    ['沈阳市大东区测试路１２号３－２－１', '沈阳市大东区测试路****'],
    ['沈阳市大东区幸福小区三号楼二单元一〇一室', '沈阳市大东区幸福小区****'],
    ['沈阳市大东区幸福小区A座501', '沈阳市大东区幸福小区****'],
    ['沈阳市大东区幸福小区东楼', '沈阳市大东区****'],
  ])('an address %s shows as %s (no house, building or door in any view)', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});

describe('loadOrCreateMasterKey', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the key file (and its folder) once, readable only by its owner, and reuses it', () => {
    const keyFile = path.join(dir, 'nested', 'keys.json');
    const first = loadOrCreateMasterKey(keyFile);
    expect(first).toHaveLength(32);
    const text = fs.readFileSync(keyFile, 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, masterKey: first.toString('hex') });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = loadOrCreateMasterKey(keyFile);
    expect(second.equals(first)).toBe(true);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(text);
    expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['keys.json']);
  });

  it('two ciphers from the same key file read each other’s values', () => {
    const keyFile = path.join(dir, 'shared.json');
    const sealed = createSensitiveCipher(loadOrCreateMasterKey(keyFile)).encrypt('13800138000');
    expect(createSensitiveCipher(loadOrCreateMasterKey(keyFile)).decrypt(sealed)).toBe(
      '13800138000',
    );
  });

  it('refuses a key file whose key is not 64 hex digits', () => {
    const keyFile = path.join(dir, 'bad.json');
    fs.writeFileSync(keyFile, JSON.stringify({ version: 1, masterKey: 'abcd' }));
    expect(() => loadOrCreateMasterKey(keyFile)).toThrow(/64 hex digits/);
  });
});
