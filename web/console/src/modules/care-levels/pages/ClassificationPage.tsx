import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DivisionCode } from '../../../../../../server/platform/contract/common.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { shanghaiStamp } from '../../subjects/dates.ts';
import { exportClassification, useClassification } from '../api.ts';
import { ReportSheet } from '../components/ReportSheet.tsx';
import { RulesPanel } from '../components/RulesPanel.tsx';
import { printStyles } from '../print.ts';

const keys = ['divisionCode', 'tab'] as const;

/**
 * 分级反馈 (V4): the levels counted by street or community in the chosen area (kept in the URL),
 * who sits below what the rules suggest, the Excel file and the printed feedback; the rules for
 * those who may change them.
 */
export default function ClassificationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = useUrlState(keys);
  const me = useMe().data;
  const canEditRules = hasPermission(me, 'care_level.rules');
  const divisionCode = DivisionCode.safeParse(url.values.divisionCode).data;
  const tab = canEditRules && url.values.tab === 'rules' ? 'rules' : 'report';
  const report = useClassification(divisionCode);
  const [exporting, setExporting] = useState(false);
  const data = report.data;

  const exportFile = async () => {
    setExporting(true);
    try {
      await exportClassification(
        divisionCode,
        `${t('classification.sheetTitle')}-${shanghaiStamp()}.xlsx`,
      );
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const reportView = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap className="no-print" style={{ justifyContent: 'space-between', width: '100%' }}>
        <DivisionTreeSelect
          id="classification-division"
          levels={['city', 'district', 'street', 'community']}
          placeholder={t('classification.divisionPlaceholder')}
          value={divisionCode}
          onChange={(v) => url.setFilters({ divisionCode: v })}
          style={{ width: 260 }}
        />
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!data}
            onClick={() => void exportFile()}
          >
            {t('classification.export')}
          </Button>
          <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
            {t('classification.print')}
          </Button>
        </Space>
      </Space>
      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      {report.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <div style={{ opacity: report.isPlaceholderData ? 0.5 : 1 }}>
          <ReportSheet report={data} onOpen={(code) => url.setFilters({ divisionCode: code })} />
        </div>
      )}
    </Space>
  );

  return (
    <>
      <style>{printStyles}</style>
      <Card title={t('classification.title')}>
        {canEditRules ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => url.setFilters({ tab: k === 'rules' ? 'rules' : undefined })}
            items={[
              { key: 'report', label: t('classification.tabs.report'), children: reportView },
              { key: 'rules', label: t('classification.tabs.rules'), children: <RulesPanel /> },
            ]}
          />
        ) : (
          reportView
        )}
      </Card>
    </>
  );
}
