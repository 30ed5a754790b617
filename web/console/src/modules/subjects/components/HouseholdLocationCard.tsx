import { AimOutlined, CheckOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdLocationView } from '../../../../../../server/modules/subjects/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { LazyDistrictMap } from '../../../lib/maps/LazyDistrictMap.tsx';
import type { MapMarker, MapPoint } from '../../../lib/maps/types.ts';
import { useConfirmHouseholdLocation, useSetHouseholdLocation } from '../api.ts';

const degrees = (n: number) => n.toFixed(6);

/**
 * 住户位置 on the household file: where the household is (or 未定位), on the district's map. Who
 * keeps the household's records (`canLocate`) places it with a click and saves it (PUT …/location),
 * or confirms the place the first home visit's check-in proposed (POST …/location/confirm).
 */
export function HouseholdLocationCard({
  householdId,
  divisionCode,
  location,
  canLocate,
}: {
  householdId: string;
  divisionCode: string;
  location: HouseholdLocationView | null;
  canLocate: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [placing, setPlacing] = useState(false);
  const [picked, setPicked] = useState<MapPoint | null>(null);
  const save = useSetHouseholdLocation(householdId);
  const confirm = useConfirmHouseholdLocation(householdId);
  const proposed = location !== null && !location.confirmed;

  const markers: MapMarker[] = [];
  if (location && !(placing && picked))
    markers.push({
      key: 'home',
      kind: proposed ? 'proposed' : 'home',
      at: location,
      label: t(proposed ? 'householdLocation.markerProposed' : 'householdLocation.marker'),
    });
  if (placing && picked)
    markers.push({
      key: 'draft',
      kind: 'draft',
      at: picked,
      label: t('householdLocation.markerDraft'),
    });

  const stop = () => {
    setPlacing(false);
    setPicked(null);
    save.reset();
  };
  const onSave = () => {
    if (!picked) return;
    save.mutate(picked, {
      onSuccess: () => {
        void message.success(t('householdLocation.saved'));
        stop();
      },
    });
  };
  const onConfirm = () =>
    confirm.mutate(undefined, {
      onSuccess: () => void message.success(t('householdLocation.confirmedDone')),
    });

  return (
    <Card
      size="small"
      title={
        <Space>
          <EnvironmentOutlined />
          {t('householdLocation.title')}
        </Space>
      }
      extra={
        canLocate && (
          <Space className="no-print">
            {placing ? (
              <>
                <Button onClick={stop} data-testid="household-location-cancel">
                  {t('householdLocation.cancel')}
                </Button>
                <Button
                  type="primary"
                  disabled={!picked}
                  loading={save.isPending}
                  onClick={onSave}
                  data-testid="household-location-save"
                >
                  {t('householdLocation.save')}
                </Button>
              </>
            ) : (
              <>
                {proposed && (
                  <Button
                    type="primary"
                    icon={<CheckOutlined />}
                    loading={confirm.isPending}
                    onClick={onConfirm}
                    data-testid="household-location-confirm"
                  >
                    {t('householdLocation.confirm')}
                  </Button>
                )}
                <Button
                  icon={<AimOutlined />}
                  onClick={() => setPlacing(true)}
                  data-testid="household-location-place"
                >
                  {t(location ? 'householdLocation.change' : 'householdLocation.place')}
                </Button>
              </>
            )}
          </Space>
        )
      }
      data-testid="household-location"
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <div data-testid="household-location-status">
          {location ? (
            <Space size={8} wrap>
              <Typography.Text>
                {t('householdLocation.coordinates', {
                  latitude: degrees(location.lat),
                  longitude: degrees(location.lng),
                })}
              </Typography.Text>
              <Tag>{t(`householdLocation.sources.${location.source}`)}</Tag>
              {location.confirmed ? (
                <Tag color="success">{t('householdLocation.confirmed')}</Tag>
              ) : (
                <Tag color="warning">{t('householdLocation.unconfirmed')}</Tag>
              )}
            </Space>
          ) : (
            <Space size={8} wrap>
              <Tag>{t('householdLocation.none')}</Tag>
              <Typography.Text type="secondary">{t('householdLocation.noneHint')}</Typography.Text>
            </Space>
          )}
        </div>
        {proposed && !placing && (
          <Typography.Text type="secondary">{t('householdLocation.proposedHint')}</Typography.Text>
        )}
        {placing && (
          <Alert
            type="info"
            showIcon
            className="no-print"
            data-testid="household-location-placing"
            title={
              picked
                ? t('householdLocation.picked', {
                    latitude: degrees(picked.lat),
                    longitude: degrees(picked.lng),
                  })
                : t('householdLocation.placing')
            }
          />
        )}
        {(save.isError || confirm.isError) && (
          <Alert type="error" showIcon title={errorMessage(save.error ?? confirm.error)} />
        )}
        <LazyDistrictMap
          markers={markers}
          divisionCode={divisionCode}
          onPick={placing ? setPicked : undefined}
          height={320}
          testId="household-map"
        />
      </Space>
    </Card>
  );
}
