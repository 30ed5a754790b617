import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../../../shared/api.ts';
import type { RoundAction } from '../../../../../../server/modules/rosters/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { shanghaiStamp } from '../../subjects/dates.ts';
import {
  downloadRound,
  useApproveRound,
  useReopenRound,
  useRosterRound,
  useSubmitRound,
  useWithdrawEntry,
  type RoundDetail,
} from '../api.ts';
import { requestExport } from '../../export-requests/api.ts';
import { ExportRosterButton } from '../components/ExportRosterButton.tsx';
import { RevealChangeModal, type RevealChangeTarget } from '../components/RevealChangeModal.tsx';
import { ReturnRoundModal } from '../components/ReturnRoundModal.tsx';
import { CommunityProgressTable } from '../components/CommunityProgressTable.tsx';
import { MonthRounds } from '../components/MonthRounds.tsx';
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
  if (round.status === 'approved' && round.allowedActions.includes('correct'))
    return (
      <Alert
        type="success"
        showIcon
        title={t('rosters.alerts.approved')}
        description={
          round.corrections === 'same'
            ? t('roundFlow.correctionAlert', { month: formatMonth(round.month) })
            : t('roundFlow.correctionAlertNext')
        }
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
  const reopen = useReopenRound();
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

  // what the caller may do is the server's answer (lifecycle.ts), never derived here
  const can = (action: RoundAction) => r.allowedActions.includes(action);
  const compiling = can('compile');
  const reviewing = can('approve') || can('return');
  const street = r.divisionName ?? r.divisionCode;
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

  const confirmSubmit = () => {
    const inRound = r.progress.filter((p) => p.uploaded);
    const missing = r.progress.filter((p) => !p.uploaded);
    modal.confirm({
      title: t('roundFlow.submitTitle', { street, month: formatMonth(r.month) }),
      content: (
        <div data-testid="submit-confirm">
          <p>
            {t('roundFlow.submitContent', {
              rows: inRound.reduce((n, p) => n + p.rows, 0),
              communities: inRound.length,
              list: inRound
                .map((p) =>
                  t('roundFlow.submitItem', {
                    name: p.divisionName ?? p.divisionCode,
                    rows: p.rows,
                  }),
                )
                .join(t('roundFlow.listSep')),
            })}
          </p>
          {missing.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="submit-missing"
              title={t('roundFlow.submitMissing', {
                names: missing
                  .map((p) => p.divisionName ?? p.divisionCode)
                  .join(t('roundFlow.listSep')),
              })}
            />
          ) : (
            <Alert type="info" showIcon title={t('roundFlow.submitAllIn')} />
          )}
        </div>
      ),
      okText: t('roundFlow.submitOk'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => submit.mutateAsync(r.id), t('rosters.submitted')),
    });
  };
  const confirmReopen = () =>
    modal.confirm({
      title: t('roundFlow.reopenTitle', { month: formatMonth(r.month) }),
      content: t('roundFlow.reopenContent'),
      okText: t('roundFlow.reopen'),
      cancelText: t('common.cancel'),
      onOk: () => act(() => reopen.mutateAsync(r.id), t('roundFlow.reopened')),
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
        <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>
          {t('rosters.upload')}
        </Button>
      )}
      {can('correct') && (
        <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>
          {t('roundFlow.correct')}
        </Button>
      )}
      {can('submit') && (
        <Button type="primary" loading={submit.isPending} onClick={confirmSubmit}>
          {t('rosters.submit')}
        </Button>
      )}
      {can('reopen') && (
        <Button loading={reopen.isPending} onClick={confirmReopen}>
          {t('roundFlow.reopen')}
        </Button>
      )}
      {can('return') && (
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
      )}
      {can('approve') && (
        <Button type="primary" loading={approve.isPending} onClick={confirmApproval}>
          {t('rosters.approve')}
        </Button>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space size={8}>
            <span data-testid="round-title">
              {t('rosters.roundTitle', { street, month: formatMonth(r.month) })}
            </span>
            {r.sequence > 0 && (
              <Tag color="purple" data-testid="round-correction">
                {t('roundFlow.correctionTitle', { sequence: r.sequence })}
              </Tag>
            )}
          </Space>
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
            {r.submittedByName && ` ${r.submittedByName}`}
          </Descriptions.Item>
          {r.reopenedAt && (
            <Descriptions.Item label={t('roundFlow.reopenedAt')}>
              {formatDateTime(r.reopenedAt)}
            </Descriptions.Item>
          )}
          {r.monthRounds.length > 1 && (
            <Descriptions.Item label={t('roundFlow.monthRounds')} span="filled">
              <MonthRounds current={r.id} rounds={r.monthRounds} />
            </Descriptions.Item>
          )}
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
      <Card size="small" title={t('roundFlow.progress.title')}>
        <CommunityProgressTable progress={r.progress} />
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
