import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { escalationLevels } from '../../../../server/modules/visits/contract.ts';
import { eventEndpoints, type LiveEvent } from '../../../../server/platform/contract/events.ts';
import type zhCN from '../../../shared/locales/zh-CN.ts';

type Status = 'connecting' | 'connected' | 'reconnecting';
type EventType = keyof (typeof zhCN)['live']['types'];

/** Where the console shows the object an event is about. */
const entityPaths: Record<string, (id: string) => string> = {
  roster_round: (id) => `/roster-rounds/${id}`,
  export_request: () => '/export-requests',
  visit_due: () => '/visit-dues',
  emergency: () => '/emergencies',
};

/** The cached answers an event makes stale (the page showing the object refreshes). */
const entityQueries: Record<string, readonly string[]> = {
  roster_round: ['roster-rounds'],
  export_request: ['export-requests'],
  emergency: ['emergencies'],
  visit_due: ['visits'],
};

/** A live notification stays this long (hovering keeps it); the user may be looking elsewhere. */
const NOTICE_SECONDS = 15;

/** After the server refused or closed the stream for good (EventSource gives up), try again. */
const RETRY_MS = 5000;

/**
 * The console's live events: one EventSource on GET /api/events while signed in (the browser
 * reconnects by itself and sends Last-Event-ID, so what came meanwhile is replayed), a notification
 * for each event with a link to its object, and the 实时 / 重连中 badge of the top bar.
 */
export function LiveIndicator() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status>('connecting');

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    const connect = () => {
      source = new EventSource(eventEndpoints.streamEvents.path, { withCredentials: true });
      source.addEventListener('ready', () => setStatus('connected'));
      source.onerror = () => {
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source = null;
          retry = window.setTimeout(connect, RETRY_MS);
        }
      };
      source.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as LiveEvent;
        const known = i18n.exists(`live.types.${event.type}`);
        const stale = entityQueries[event.entity];
        if (stale) void queryClient.invalidateQueries({ queryKey: stale });
        const path = entityPaths[event.entity]?.(event.entityId);
        const key = `${event.type}:${event.entityId}`;
        /** Below the title: the month of a round, or how many overdue visits reached which level. */
        const describe = ({ data }: LiveEvent) => {
          const level = escalationLevels.find((l) => l === data?.level);
          if (typeof data?.month === 'string') return t('live.month', { month: data.month });
          if (level && typeof data?.count === 'number')
            return t('live.escalated', {
              count: data.count,
              level: t(`visits.dues.levels.${level}`),
            });
          return undefined;
        };
        notification.info({
          key,
          duration: NOTICE_SECONDS,
          // bottom left, over the menu's empty end: never over the top bar's controls, a drawer's
          // buttons (top and bottom right) or a dialog's (centre)
          placement: 'bottomLeft',
          message: known ? t(`live.types.${event.type as EventType}`) : t('live.unknownType'),
          description: describe(event),
          actions: path ? (
            <Button
              type="primary"
              size="small"
              onClick={() => {
                notification.destroy(key);
                void navigate(path);
              }}
            >
              {t('live.open')}
            </Button>
          ) : undefined,
          props: { 'data-testid': 'live-notification' } as Record<string, string>,
        });
      };
    };
    connect();
    return () => {
      window.clearTimeout(retry);
      source?.close();
    };
  }, [notification, navigate, t, i18n, queryClient]);

  const badge = {
    connected: { status: 'success', text: t('live.connected'), hint: t('live.connectedHint') },
    connecting: { status: 'processing', text: t('live.connecting'), hint: undefined },
    reconnecting: {
      status: 'warning',
      text: t('live.reconnecting'),
      hint: t('live.reconnectingHint'),
    },
  } as const;
  const shown = badge[status];
  return (
    <Tooltip title={shown.hint}>
      <Badge
        data-testid="live-status"
        data-status={status}
        status={shown.status}
        text={shown.text}
      />
    </Tooltip>
  );
}
