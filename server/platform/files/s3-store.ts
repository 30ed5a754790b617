import type { Readable } from 'node:stream';
import { Client } from 'minio';
import type { FileStoreConfig } from '../../config.ts';
import { assertKey, FileMissingError, type FileStore } from './store.ts';

type S3Config = Extract<FileStoreConfig, { kind: 's3' }>;

/** The options of the MinIO client for an endpoint URL (none: AWS S3 of the region). */
export function s3ClientOptions(config: S3Config) {
  const url = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
  const useSSL = url.protocol === 'https:';
  return {
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    region: config.region,
    accessKey: config.accessKeyId,
    secretKey: config.secretAccessKey,
    pathStyle: config.pathStyle,
  };
}

/** The object name of a key: the configured prefix, then the key. */
export function s3ObjectName(config: Pick<S3Config, 'prefix'>, key: string): string {
  assertKey(key);
  return `${config.prefix}${key}`;
}

const isMissing = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === 'NoSuchKey' || code === 'NotFound';
};

/** Objects in an S3-compatible bucket (MinIO, or any store that speaks S3), through the MinIO client. */
export function s3FileStore(config: S3Config): FileStore {
  const client = new Client(s3ClientOptions(config));
  const name = (key: string) => s3ObjectName(config, key);
  return {
    kind: 's3',
    async put(key, body, contentType) {
      await client.putObject(config.bucket, name(key), body, undefined, {
        'Content-Type': contentType,
      });
    },
    async get(key): Promise<Readable> {
      try {
        return await client.getObject(config.bucket, name(key));
      } catch (err) {
        if (isMissing(err)) throw new FileMissingError(key);
        throw err;
      }
    },
    async delete(key) {
      await client.removeObject(config.bucket, name(key));
    },
    async exists(key) {
      try {
        await client.statObject(config.bucket, name(key));
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },
  };
}
