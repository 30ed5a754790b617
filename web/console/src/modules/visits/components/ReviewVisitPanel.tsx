import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useReviewVisit, type VisitView } from '../api.ts';
import { FlagTags, ReviewStateTag } from '../labels.tsx';

/** 退回: the reason is required (the server refuses a return without one too). */
function ReturnVisitModal({ visit, onClose }: { visit: VisitView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const review = useReviewVisit(visit.id);

  const submit = async (v: { reason: string }) => {
    setError(null);
    try {
      await review.mutateAsync({ decision: 'return', reason: v.reason });
      void message.success(t('visits.review.returned'));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={t('visits.review.returnTitle')}
      okText={t('visits.review.return')}
      okButtonProps={{ danger: true, id: 'return-visit-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('visits.review.returnHint')}</Typography.Paragraph>
      <FormError message={error} testId="return-visit-error" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('visits.review.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('visits.review.reason') }),
            },
            { max: 500 },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('visits.review.reasonPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The visit's evidence review in its drawer: the state, why it was flagged, the distance from home;
 * a reviewer (visit.review) accepts a flagged visit or returns it with a reason (POST
 * /api/visits/:id/review; another reviewer having decided first answers 409, shown here).
 */
export function ReviewVisitPanel({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const review = useReviewVisit(visit.id);
  const [returning, setReturning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayReview = visit.review === 'flagged' && hasPermission(me, 'visit.review');

  const accept = async () => {
    setError(null);
    try {
      await review.mutateAsync({ decision: 'accept' });
      void message.success(t('visits.review.accepted'));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="visit-review">
      <Descriptions column={2} size="small" bordered title={t('visits.review.title')}>
        <Descriptions.Item label={t('visits.review.state')}>
          <ReviewStateTag review={visit.review} />
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.review.distanceLabel')}>
          {visit.distanceMeters === null
            ? t('common.none')
            : t('visits.review.distance', { n: visit.distanceMeters })}
        </Descriptions.Item>
        {visit.flags.length > 0 && (
          <Descriptions.Item label={t('visits.review.reasons')} span={2}>
            <FlagTags flags={visit.flags} />
          </Descriptions.Item>
        )}
        {visit.reviewedAt && (
          <>
            <Descriptions.Item label={t('visits.review.note')} span={2}>
              <span data-testid="visit-review-note">{visit.reviewNote ?? t('common.none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('visits.review.reviewedAt')} span={2}>
              {formatDateTime(visit.reviewedAt)}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {error && <Alert type="error" showIcon title={error} data-testid="review-error" />}
      {mayReview && (
        <Space>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={review.isPending}
            onClick={() => void accept()}
            data-testid="accept-visit"
          >
            {t('visits.review.accept')}
          </Button>
          <Button
            danger
            icon={<RollbackOutlined />}
            disabled={review.isPending}
            onClick={() => {
              setError(null);
              setReturning(true);
            }}
            data-testid="return-visit"
          >
            {t('visits.review.return')}
          </Button>
        </Space>
      )}
      {returning && <ReturnVisitModal visit={visit} onClose={() => setReturning(false)} />}
    </Space>
  );
}
