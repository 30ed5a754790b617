import { Card, Empty, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ContactView,
  SubjectView,
} from '../../../../../../server/modules/subjects/contract.ts';
import { relationLabel } from '../labels.tsx';

type Contact = z.infer<typeof ContactView>;

/** Relatives, guardians and emergency contacts: of the whole household or of one member. */
export function HouseholdContacts(props: { contacts: Contact[]; members: SubjectView[] }) {
  const { t } = useTranslation();
  const memberName = (id: string | null) =>
    id === null
      ? t('households.wholeHousehold')
      : (props.members.find((m) => m.id === id)?.name ?? t('common.none'));

  return (
    <Card title={t('households.contacts')} size="small" data-testid="household-contacts">
      <Table<Contact>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={props.contacts}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.noContacts')} />
          ),
        }}
        columns={[
          { title: t('households.contactName'), dataIndex: 'name' },
          {
            title: t('households.relation'),
            dataIndex: 'relation',
            render: (r: Contact['relation']) => relationLabel(t, r),
          },
          {
            title: t('households.roles'),
            key: 'roles',
            render: (_, c) =>
              c.isGuardian || c.isEmergency ? (
                <Space size={[0, 4]} wrap>
                  {c.isGuardian && <Tag color="purple">{t('households.guardian')}</Tag>}
                  {c.isEmergency && <Tag color="red">{t('households.emergency')}</Tag>}
                </Space>
              ) : (
                t('common.none')
              ),
          },
          {
            title: t('subjects.phone'),
            dataIndex: 'phoneMasked',
            render: (p: string | null) => p ?? t('common.none'),
          },
          {
            title: t('households.contactOf'),
            dataIndex: 'subjectId',
            render: (id: string | null) => memberName(id),
          },
        ]}
      />
    </Card>
  );
}
