import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../../../shared/api.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { shanghaiStamp } from '../../subjects/dates.ts';
import {
  downloadRound,
  useApproveRound,
  useRosterRound,
  useSubmitRound,
  useWithdrawEntry,
  type RoundDetail,
} from '../api.ts';
import { requestExport } from '../../export-requests/api.ts';
import { ExportRosterButton } from '../components/ExportRosterButton.tsx';
import { RevealChangeModal, type RevealChangeTarget } from '../components/RevealChangeModal.tsx';
import { ReturnRoundModal } from '../components/ReturnRoundModal.tsx';
import { RoundEntries } from '../components/RoundEntries.tsx';
import { UploadRosterModal } from '../components/UploadRosterModal.tsx';
import { LateTag, RoundStatusTag } from '../labels.tsx';
import { formatMonth } from '../month.ts';

/** What the user is told of the round, by its state and the user's part in it. */
function RoundAlert(props: { round: RoundDetail; reviewing: boolean; compiling: boolean }) {
  const { t } = useTranslation();
  const { round } = props;
  const returned = round.entries.filter((e) => e.reviewState === 'returned').length;
  if (props.reviewing) return <Alert type="info" showIcon title={t('rosters.alerts.review')} />;
  if (round.status === 'returned' && props.compiling && returned === 0)
    return <Alert type="info" showIcon title={t('rosters.alerts.fixed')} />;
  if (round.status === 'returned' && props.compiling)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('rosters.alerts.returned', { count: returned })}
        data-testid="round-alert"
      />
    );
  if (round.status === 'approved')
    return <Alert type="success" showIcon title={t('rosters.alerts.approved')} />;
  if (round.status === 'submitted')
    return <Alert type="info" showIcon title={t('rosters.alerts.submitted')} />;
  return props.compiling ? <Alert type="info" showIcon title={t('rosters.alerts.open')} /> : null;
}

/**
 * One street's roster of a month (GET /api/roster-rounds/:id): its state and the changes against
 * the live roster. Compilers withdraw changes, upload fixes and submit; the street returns rows
 * with comments or approves, which writes the changes onto the roster.
 */
export default function RosterRoundPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const me = useMe().data;
  const round = useRosterRound(id);
  const submit = useSubmitRound();
  const approve = useApproveRound();
  const withdraw = useWithdrawEntry();
  const [comments, setComments] = useState<Record<string, string>>({});
  const [returning, setReturning] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [revealing, setRevealing] = useState<RevealChangeTarget | null>(null);
  const r = round.data;

  if (round.isError && !r) {
    const missing = isApiError(round.error) && round.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('notFound.title') : t('common.loadFailed')}
        subTitle={errorMessage(round.error)}
        extra={
          <Link to="/roster-rounds">
            <Button type="primary">{t('rosters.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (!r) return <Skeleton active paragraph={{ rows: 10 }} />;

  const compiling =
    hasPermission(me, 'roster.compile') && (r.status === 'open' || r.status === 'returned');
  const reviewing = hasPermission(me, 'roster.review') && r.status === 'submitted';
  const canReveal = hasPermission(me, 'subject.reveal');
  const written = Object.entries(comments)
    .map(([entryId, comment]) => ({ entryId, comment: comment.trim() }))
    .filter((c) => c.comment && r.entries.some((e) => e.id === c.entryId));

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      void message.success(done);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const confirmApproval = () =>
    modal.confirm({
      title: t('rosters.approveTitle', { month: formatMonth(r.month) }),
      content: (
        <>
          <p>{t('rosters.approveContent', r.counts)}</p>
          {written.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('rosters.approveDiscard', { count: written.length })}
            />
          )}
        </>
      ),
      okText: t('rosters.approve'),
      cancelText: t('common.cancel'),
      onOk: () =>
        act(async () => {
          await approve.mutateAsync(r.id);
          setComments({});
        }, t('rosters.approved')),
    });

  const actions = (
    <Space wrap>
      <Link to={`/roster-rounds?month=${r.month}`}>
        <Button icon={<ArrowLeftOutlined />}>{t('rosters.backToList')}</Button>
      </Link>
      <ExportRosterButton
        full={canReveal}
        request={(reason) => requestExport({ kind: 'roster_round', roundId: r.id, reason })}
        testId="export-round"
        run={(reason) =>
          downloadRound(
            r.id,
            reason,
            t('rosters.export.roundFileName', {
              street: r.divisionName ?? r.divisionCode,
              month: r.month,
              date: shanghaiStamp(),
            }),
          )
        }
      />
      {compiling && (
        <>
          <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            {t('rosters.upload')}
          </Button>
          <Button
            type="primary"
            loading={submit.isPending}
            onClick={() => void act(() => submit.mutateAsync(r.id), t('rosters.submitted'))}
          >
            {t('rosters.submit')}
          </Button>
        </>
      )}
      {reviewing && (
        <>
          <Button
            danger
            onClick={() =>
              written.length > 0
                ? setReturning(true)
                : void message.warning(t('rosters.returnNeedsRows'))
            }
          >
            {t('rosters.returnRound')}
            {written.length > 0 && ` (${written.length})`}
          </Button>
          <Button type="primary" loading={approve.isPending} onClick={confirmApproval}>
            {t('rosters.approve')}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <span data-testid="round-title">
            {t('rosters.roundTitle', {
              street: r.divisionName ?? r.divisionCode,
              month: formatMonth(r.month),
            })}
          </span>
        }
        extra={actions}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="round-header">
          <Descriptions.Item label={t('rosters.street')}>
            {r.divisionName ?? r.divisionCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('rosters.month')}>{formatMonth(r.month)}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <Space size={0}>
              <RoundStatusTag status={r.status} />
              {r.late && <LateTag />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('rosters.submittedAt')}>
            {formatDateTime(r.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rosters.reviewedAt')}>
            {formatDateTime(r.reviewedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rosters.approvedAt')}>
            {formatDateTime(r.approvedAt)}
          </Descriptions.Item>
          {r.reviewComment && (
            <Descriptions.Item label={t('rosters.streetComment')} span="filled">
              <span data-testid="round-comment">{r.reviewComment}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <RoundAlert round={r} reviewing={reviewing} compiling={compiling} />
        </div>
      </Card>
      <Card size="small">
        <RoundEntries
          entries={r.entries}
          reviewing={r.status === 'submitted'}
          comments={reviewing ? comments : undefined}
          onComment={(entryId, comment) => setComments((c) => ({ ...c, [entryId]: comment }))}
          onWithdraw={
            compiling
              ? (e) =>
                  act(
                    () => withdraw.mutateAsync({ id: r.id, entryId: e.id }),
                    t('rosters.withdrawn'),
                  )
              : undefined
          }
          onReveal={
            canReveal
              ? (e, field) => setRevealing({ roundId: r.id, entryId: e.id, name: e.name, field })
              : undefined
          }
        />
      </Card>
      {revealing && <RevealChangeModal target={revealing} onClose={() => setRevealing(null)} />}
      {returning && (
        <ReturnRoundModal
          roundId={r.id}
          comments={written}
          onClose={() => setReturning(false)}
          onReturned={() => {
            setReturning(false);
            setComments({});
            void message.success(t('rosters.returned'));
          }}
        />
      )}
      {uploading && <UploadRosterModal month={r.month} onClose={() => setUploading(false)} />}
    </Space>
  );
}
