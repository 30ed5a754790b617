import { Alert, Button, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useOpenEmergencies } from '../api.ts';
import { EmergencyDrawer } from './EmergencyDrawer.tsx';

/**
 * The open emergencies of the caller's scope, above every page of the console for those who handle
 * them (the street, the district): fetched on load and refreshed by the live events, it stays until
 * someone takes each one; not a notice that goes away by itself.
 */
export function OpenEmergenciesBanner() {
  const { t } = useTranslation();
  const open = useOpenEmergencies(true);
  const [viewing, setViewing] = useState<string | null>(null);
  const items = open.data?.items ?? [];
  return (
    <>
      {items.length > 0 && (
        <Alert
          type="error"
          showIcon
          banner
          data-testid="emergency-banner"
          style={{ marginBottom: 16 }}
          title={
            <strong>
              {t('emergencies.banner.title', { count: open.data?.total ?? items.length })}
            </strong>
          }
          description={
            <>
              <div style={{ marginBottom: 4 }}>{t('emergencies.banner.hint')}</div>
              <List
                size="small"
                dataSource={items}
                renderItem={(e) => (
                  <List.Item
                    data-testid="emergency-banner-item"
                    data-id={e.id}
                    style={{ padding: '4px 0' }}
                    actions={[
                      <Button
                        key="view"
                        size="small"
                        type="primary"
                        danger
                        onClick={() => setViewing(e.id)}
                      >
                        {t('emergencies.banner.view')}
                      </Button>,
                    ]}
                  >
                    <Space>
                      {t('emergencies.banner.item', {
                        kind: t(`emergencies.kinds.${e.kind}`),
                        name: e.subjectName ?? '—',
                        place: e.divisionName ?? e.divisionCode,
                        time: formatDateTime(e.occurredAt),
                      })}
                    </Space>
                  </List.Item>
                )}
              />
            </>
          }
        />
      )}
      {viewing && <EmergencyDrawer id={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
