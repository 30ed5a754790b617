import { Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  systemEndpoints,
  type ImportProgressView,
} from '../../../../server/modules/system/contract.ts';
import { call, type UploadProgress } from '../../../shared/api.ts';

type ServerProgress = z.infer<typeof ImportProgressView>;

/** How often the server's progress of a check is asked for while it runs. */
const POLL_MS = 500;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/**
 * The progress of an Excel upload while its request runs: the bytes the browser has sent, then
 * what the server records under the submission's Idempotency-Key (GET /api/imports/:key/progress:
 * rows read of an estimate, rows checked, rows written), asked for every half second.
 */
export function UploadProgressBar(props: { sending: UploadProgress | null; testId: string }) {
  const { t, i18n } = useTranslation();
  const key = props.sending?.key ?? null;
  const [server, setServer] = useState<ServerProgress | null>(null);
  useEffect(() => {
    setServer(null);
    if (!key) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await call(systemEndpoints.importProgress, { params: { key } });
        if (!stopped) setServer(p);
      } catch {
        // nothing recorded yet (404) or a lost answer: asked again
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key]);

  const n = (value: number) => value.toLocaleString(i18n.language);
  const sending = props.sending;
  let percent = 0;
  let text = t('imports.waiting');
  if (server) {
    const total = server.total ?? 0;
    percent = total > 0 ? Math.floor((server.done / total) * 100) : 0;
    if (server.phase === 'reading')
      text = server.total
        ? t('imports.reading', { done: n(server.done), total: n(server.total) })
        : t('imports.readingUnknown', { done: n(server.done) });
    else if (server.phase === 'checking')
      text = t('imports.checking', { done: n(server.done), total: n(total) });
    else if (server.phase === 'writing') {
      percent = 100;
      text = t('imports.writing', { total: n(total) });
    } else {
      percent = 100;
      text = t('imports.done', { done: n(server.done), total: n(total) });
    }
  } else if (sending && sending.total > 0 && sending.sent < sending.total) {
    percent = Math.floor((sending.sent / sending.total) * 100);
    text = t('imports.uploading', { sent: size(sending.sent), total: size(sending.total) });
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={props.testId}>
      <Progress percent={percent} status="active" data-phase={server?.phase ?? 'uploading'} />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Space>
  );
}
