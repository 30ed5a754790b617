import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { cleanFileName, readLimited } from './content.ts';
import { s3ClientOptions, s3ObjectName } from './s3-store.ts';
import { FileMissingError, localFileStore, storageKeys } from './store.ts';
import { downloadHeaders } from '../http/download.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const text = async (s: Readable) => (await readLimited(s, 1e6)).toString();

describe('storage keys', () => {
  it('lay a file out by its upload month, its thumbnail beside it', () => {
    const id = '0F8FAD5B-D9CB-469F-A165-70867728950E';
    expect(storageKeys(id, new Date('2026-12-01T03:00:00Z'))).toEqual({
      original: '2026/12/0f8fad5b-d9cb-469f-a165-70867728950e',
      thumbnail: '2026/12/0f8fad5b-d9cb-469f-a165-70867728950e.thumb.webp',
    });
  });

  it('refuse a path that climbs out of the store', async () => {
    const store = localFileStore(dir);
    for (const key of ['../x', '2026/../../x', '/etc/passwd', 'a//b', 'A/B'])
      await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(
        /invalid storage key/,
      );
  });
});

describe('the local store', () => {
  const store = localFileStore(path.join(dir, 'files'));

  it('writes, reads, tells and deletes; folders 0700, files 0600, no temporary file left', async () => {
    await store.put('2026/12/abc', Buffer.from('hello'), 'text/plain');
    await store.put(
      '2026/12/def',
      Readable.from([Buffer.from('from '), Buffer.from('a stream')]),
      'text/plain',
    );
    expect(await text(await store.get('2026/12/abc'))).toBe('hello');
    expect(await text(await store.get('2026/12/def'))).toBe('from a stream');
    expect(await store.exists('2026/12/abc')).toBe(true);
    const file = path.join(dir, 'files', '2026', '12', 'abc');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'files', '2026')).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['abc', 'def']);
    await store.delete('2026/12/abc');
    await store.delete('2026/12/abc');
    expect(await store.exists('2026/12/abc')).toBe(false);
    await expect(store.get('2026/12/abc')).rejects.toBeInstanceOf(FileMissingError);
  });

  it('leaves the old content and no temporary file when a write fails midway', async () => {
    await store.put('2026/11/keep', Buffer.from('old'), 'text/plain');
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(store.put('2026/11/keep', failing, 'text/plain')).rejects.toThrow(
      'connection lost',
    );
    expect(await text(await store.get('2026/11/keep'))).toBe('old');
    expect(fs.readdirSync(path.join(dir, 'files', '2026', '11'))).toEqual(['keep']);
  });
});

describe('readLimited', () => {
  it('refuses past the limit without reading the rest', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(readLimited(endless, 10 * 1024)).rejects.toMatchObject({
      code: 'common.file_too_large',
    });
    expect(pulled).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });
});

describe('file configuration', () => {
  it('stores under DATA_DIR/files by default, 20 MB and 50 megapixels at most, 24 h of grace', () => {
    const c = parseConfig({ DATA_DIR: '/srv/guanai' });
    expect(c.files).toEqual({
      store: { kind: 'local', root: '/srv/guanai/files' },
      maxBytes: 20 * 1024 * 1024,
      maxPixels: 50_000_000,
      graceMs: 24 * 3_600_000,
    });
  });

  it('names every missing S3 setting at once when FILE_STORE=s3', () => {
    expect(() => parseConfig({ FILE_STORE: 's3' })).toThrow(
      /S3_BUCKET: required when FILE_STORE=s3[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/,
    );
    expect(() =>
      parseConfig({
        FILE_STORE: 's3',
        S3_BUCKET: 'guanai',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
        S3_ENDPOINT: 'ftp://minio',
      }),
    ).toThrow(/S3_ENDPOINT/);
  });

  it('reads an S3-compatible store (MinIO) from the endpoint URL, with a key prefix', () => {
    const c = parseConfig({
      FILE_STORE: 's3',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_BUCKET: 'guanai-files',
      S3_ACCESS_KEY_ID: 'guanai',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PREFIX: 'dadong/',
    });
    if (c.files.store.kind !== 's3') throw new Error('not s3');
    expect(s3ClientOptions(c.files.store)).toEqual({
      endPoint: 'minio.internal',
      port: 9000,
      useSSL: false,
      region: 'us-east-1',
      accessKey: 'guanai',
      secretKey: 'secret',
      pathStyle: true,
    });
    expect(s3ObjectName(c.files.store, '2026/12/abc')).toBe('dadong/2026/12/abc');
    expect(() => s3ObjectName(c.files.store as { prefix: string }, '../abc')).toThrow();
    expect(() => parseConfig({ S3_PREFIX: 'no-slash' })).toThrow(/S3_PREFIX/);
  });

  it('uses HTTPS on 443 for an endpoint without a port, and AWS of the region without an endpoint', () => {
    const base = {
      bucket: 'b',
      accessKeyId: 'k',
      secretAccessKey: 's',
      prefix: '',
      pathStyle: false,
    };
    expect(
      s3ClientOptions({
        kind: 's3',
        endpoint: 'https://oss.example.cn',
        region: 'cn-north-1',
        ...base,
      }),
    ).toMatchObject({ endPoint: 'oss.example.cn', port: 443, useSSL: true });
    expect(
      s3ClientOptions({ kind: 's3', endpoint: undefined, region: 'eu-west-1', ...base }),
    ).toMatchObject({ endPoint: 's3.eu-west-1.amazonaws.com', useSSL: true });
  });
});

describe('download names', () => {
  it('keep no folders or control characters and carry the sniffed extension', () => {
    expect(cleanFileName('C:\\照片\\家访\u0007.jpeg', 'jpg')).toBe('家访.jpeg');
    expect(cleanFileName('photo.jpg', 'png')).toBe('photo.jpg.png');
    expect(cleanFileName('', 'pdf')).toBe('file.pdf');
    expect(cleanFileName('../..', 'jpg')).toBe('file.jpg');
  });

  it('are RFC 5987-encoded, with an ASCII fallback without quotes', () => {
    expect(downloadHeaders('李"(1)*.jpg', 'image/jpeg', 'inline')['content-disposition']).toBe(
      `inline; filename="_(1)*.jpg"; filename*=UTF-8''%E6%9D%8E%22%281%29%2A.jpg`,
    );
  });
});
