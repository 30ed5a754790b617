import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useReturnRound } from '../api.ts';
import { FormError } from '../../../lib/FormError.tsx';

/**
 * 退回: POST /api/roster-rounds/:id/return with the comments written row by row, and an overall
 * comment for the street's file.
 */
export function ReturnRoundModal(props: {
  roundId: string;
  comments: { entryId: string; comment: string }[];
  onReturned: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [overall, setOverall] = useState('');
  const [error, setError] = useState<string | null>(null);
  const returnRound = useReturnRound();

  const submit = async () => {
    setError(null);
    try {
      await returnRound.mutateAsync({
        id: props.roundId,
        body: { comments: props.comments, comment: overall.trim() || undefined },
      });
      props.onReturned();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={t('rosters.returnTitle')}
      okText={t('rosters.returnRound')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={returnRound.isPending}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <FormError message={error} />
      <Typography.Paragraph>
        {t('rosters.returnCount', { count: props.comments.length })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('rosters.overallComment')} htmlFor="return-overall">
          <Input.TextArea
            id="return-overall"
            rows={3}
            maxLength={500}
            showCount
            value={overall}
            onChange={(e) => setOverall(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
