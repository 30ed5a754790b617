import { Alert, App, Button, Descriptions, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../../../../shared/format.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { categoryLabel } from '../../subjects/labels.tsx';
import { useDecideExportRequest, type ExportRequestView } from '../api.ts';

/** The list's filters of a request, each named as the roster's filter bar names it. */
function filterLines(t: TFunction, filters: NonNullable<ExportRequestView['filters']>): string[] {
  const lines: string[] = [];
  const kind = filters.kind ?? 'elder';
  if (filters.q) lines.push(`${t('subjects.name')}：${filters.q}`);
  if (filters.divisionCode) lines.push(`${t('subjects.division')}：${filters.divisionCode}`);
  if (filters.kind) lines.push(`${t('subjects.kind')}：${t(`subjects.kinds.${filters.kind}`)}`);
  if (filters.category)
    lines.push(`${t('subjects.category')}：${categoryLabel(t, kind, filters.category)}`);
  if (filters.careLevel)
    lines.push(`${t('subjects.careLevel')}：${t(`subjects.careLevels.${filters.careLevel}`)}`);
  if (filters.consent)
    lines.push(`${t('subjects.consent')}：${t(`subjects.consents.${filters.consent}`)}`);
  if (filters.ageMin !== undefined) lines.push(`${t('subjects.ageMin')}：${filters.ageMin}`);
  if (filters.ageMax !== undefined) lines.push(`${t('subjects.ageMax')}：${filters.ageMax}`);
  if (filters.status && filters.status !== 'active')
    lines.push(`${t(`subjects.statuses.${filters.status}`)}`);
  return lines;
}

/**
 * 审批导出申请: who asks, why, for how many people, where and with which filters; 批准 (a note
 * optional) or 驳回 (a note required). The server refuses the requester's own request.
 */
export function DecideExportModal(props: { request: ExportRequestView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = props.request;
  const decide = useDecideExportRequest();
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<string | null>(null);

  const submit = async (approve: boolean) => {
    setError(null);
    const note = (form.getFieldValue('note') as string | undefined)?.trim() || undefined;
    if (!approve && (!note || note.length < 2)) {
      form.setFields([{ name: 'note', errors: [t('exportRequests.noteHint')] }]);
      return;
    }
    try {
      await decide.mutateAsync({ id: r.id, approve, ...(note ? { note } : {}) });
      void message.success(t(approve ? 'exportRequests.approved' : 'exportRequests.refused'));
      props.onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['note']));
    }
  };

  const filters = r.filters ? filterLines(t, r.filters) : [];
  return (
    <Modal
      open
      title={t('exportRequests.decideTitle')}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            danger
            loading={decide.isPending}
            onClick={() => void submit(false)}
            data-testid="export-request-refuse"
          >
            {t('exportRequests.refuse')}
          </Button>
          <Button
            type="primary"
            loading={decide.isPending}
            onClick={() => void submit(true)}
            data-testid="export-request-approve"
          >
            {t('exportRequests.approve')}
          </Button>
        </Space>
      }
    >
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('exportRequests.columns.requester')}>
          {r.requestedBy.name ?? r.requestedBy.username}（{r.requestedBy.username}）
        </Descriptions.Item>
        <Descriptions.Item label={t('exportRequests.columns.requestedAt')}>
          {formatDateTime(r.requestedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('exportRequests.columns.kind')}>
          {t(`exportRequests.kinds.${r.kind}`)}
          {r.roundMonth ? ` · ${t('exportRequests.month', { month: r.roundMonth })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('exportRequests.columns.scope')}>
          {r.divisionName ?? r.divisionCode}
        </Descriptions.Item>
        <Descriptions.Item label={t('exportRequests.columns.people')}>
          <span data-testid="export-request-people">
            {t('exportRequests.people', { count: r.people })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('exportRequests.columns.reason')}>{r.reason}</Descriptions.Item>
        {r.kind === 'subjects' && (
          <Descriptions.Item label={t('exportRequests.filters')}>
            {filters.length ? filters.join('；') : t('exportRequests.noFilters')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Alert
        type="info"
        showIcon
        title={t('exportRequests.noteHint')}
        style={{ marginBottom: 12 }}
      />
      <FormError message={error} testId="export-request-error" />
      <Form form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item name="note" label={t('exportRequests.note')}>
          <Input.TextArea id="export-request-note" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
