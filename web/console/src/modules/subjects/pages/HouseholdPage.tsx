import { AlertOutlined, ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../../../shared/api.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { RecordEmergencyModal } from '../../emergencies/components/RecordEmergencyModal.tsx';
import { CarePlanCard } from '../../visits/components/CarePlanCard.tsx';
import { useHousehold } from '../api.ts';
import { CareLevelModal } from '../components/CareLevelModal.tsx';
import { HouseholdContacts } from '../components/HouseholdContacts.tsx';
import { HouseholdLocationCard } from '../components/HouseholdLocationCard.tsx';
import { HouseholdMembers } from '../components/HouseholdMembers.tsx';
import { HouseholdTimeline } from '../components/HouseholdTimeline.tsx';
import { MemberDrawer, type Suggested } from '../components/MemberDrawer.tsx';
import { RemoveFromRosterModal } from '../components/RemoveFromRosterModal.tsx';
import { RevealModal, type RevealTarget } from '../components/RevealModal.tsx';

/** On paper: the file without the console's menu, header, footer and buttons. */
const printStyles = `
@media print {
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; background: #fff !important; }
  .ant-table-measure-row { display: none !important; }
  .ant-card { break-inside: avoid; box-shadow: none !important; }
}`;

type Person = { id: string; name: string; suggested?: Suggested };

/**
 * 一户一档 (GET /api/households/:id): the household, its members with their levels, categories and
 * consent, the contacts and the timeline. Revealing a value, a member's file and a new care level
 * each go through their own audited call.
 */
export default function HouseholdPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useMe().data;
  const canReveal = hasPermission(me, 'subject.reveal');
  const canClassify = hasPermission(me, 'subject.classify');
  const canCompile = hasPermission(me, 'roster.compile');
  const canRecordEmergency = hasPermission(me, 'emergency.record');
  const [recordingEmergency, setRecordingEmergency] = useState(false);
  const household = useHousehold(id);
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [classifying, setClassifying] = useState<Person | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const file = household.data;

  if (household.isError && !file) {
    const missing = isApiError(household.error) && household.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('notFound.title') : t('common.loadFailed')}
        subTitle={errorMessage(household.error)}
        extra={
          <Link to="/subjects">
            <Button type="primary">{t('subjects.backToRoster')}</Button>
          </Link>
        }
      />
    );
  }
  if (!file) return <Skeleton active paragraph={{ rows: 10 }} />;

  const first = file.members[0];
  return (
    <>
      <style>{printStyles}</style>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={
            <span data-testid="household-title">
              {t('households.title')}
              {first && ` · ${t('households.fileOf', { name: first.name })}`}
            </span>
          }
          extra={
            <Space className="no-print">
              {canRecordEmergency && file.members.some((m) => m.status === 'active') && (
                <Button
                  danger
                  icon={<AlertOutlined />}
                  onClick={() => setRecordingEmergency(true)}
                  data-testid="household-record-emergency"
                >
                  {t('emergencies.record')}
                </Button>
              )}
              <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
                {t('common.back')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('households.print')}
              </Button>
            </Space>
          }
        >
          {household.isError && (
            <Alert
              type="error"
              showIcon
              title={errorMessage(household.error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            data-testid="household-header"
          >
            <Descriptions.Item label={t('households.community')}>
              {file.divisionName ?? file.divisionCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.address')}>
              <Space size={4}>
                <span data-testid="household-address">{file.addressMasked}</span>
                {canReveal && first && (
                  <Button
                    type="link"
                    size="small"
                    className="no-print"
                    onClick={() =>
                      setReveal({ subjectId: first.id, name: first.name, field: 'address' })
                    }
                  >
                    {t('households.reveal')}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('households.householdPhone')}>
              {file.phoneMasked ?? t('common.none')}
            </Descriptions.Item>
            {file.notes && (
              <Descriptions.Item label={t('households.notes')} span="filled">
                {file.notes}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>

        <HouseholdMembers
          members={file.members}
          onReveal={
            canReveal
              ? (m, field) => setReveal({ subjectId: m.id, name: m.name, field })
              : undefined
          }
          onDetails={(m) => setViewing(m.id)}
          onSetCareLevel={canClassify ? (m) => setClassifying(m) : undefined}
          onRemove={canCompile ? (m) => setRemoving(m) : undefined}
        />

        <CarePlanCard householdId={file.id} />

        <HouseholdLocationCard
          householdId={file.id}
          divisionCode={file.divisionCode}
          location={file.location}
          canLocate={canCompile}
        />

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <HouseholdContacts contacts={file.contacts} members={file.members} />
          </Col>
          <Col xs={24} xl={12}>
            <HouseholdTimeline events={file.events} />
          </Col>
        </Row>
      </Space>

      {reveal && <RevealModal target={reveal} onClose={() => setReveal(null)} />}
      {viewing && (
        <MemberDrawer
          subjectId={viewing}
          onClose={() => setViewing(null)}
          onRevealBirthDate={
            canReveal
              ? (s) => setReveal({ subjectId: s.id, name: s.name, field: 'birthDate' })
              : undefined
          }
          onSetCareLevel={
            canClassify && file.members.find((m) => m.id === viewing)?.status === 'active'
              ? (s, suggested) => setClassifying({ id: s.id, name: s.name, suggested })
              : undefined
          }
        />
      )}
      {classifying && (
        <CareLevelModal
          subjectId={classifying.id}
          name={classifying.name}
          suggested={classifying.suggested}
          onClose={() => setClassifying(null)}
        />
      )}
      {recordingEmergency && (
        <RecordEmergencyModal
          members={file.members.filter((m) => m.status === 'active')}
          onClose={() => setRecordingEmergency(false)}
        />
      )}
      {removing && (
        <RemoveFromRosterModal
          subjectId={removing.id}
          name={removing.name}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
}
