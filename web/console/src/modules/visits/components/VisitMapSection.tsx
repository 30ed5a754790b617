import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LazyDistrictMap } from '../../../lib/maps/LazyDistrictMap.tsx';
import type { MapMarker, MapPoint } from '../../../lib/maps/types.ts';
import type { VisitDetail } from '../api.ts';

/** Metres between two WGS-84 places (haversine), as the server measures a check-in. */
function metresBetween(a: MapPoint, b: MapPoint): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * A visit's positions on the district's map, in its drawer: the household's place (confirmed or
 * proposed), the check-in and check-out with their accuracy, and the distance measured when the
 * visit was recorded. A phone or video visit without positions shows none.
 */
export function VisitMapSection({ visit }: { visit: VisitDetail }) {
  const { t } = useTranslation();
  const home = visit.householdLocation;
  const { checkIn, checkOut } = visit;
  if (!checkIn && !checkOut && visit.kind !== 'home') return null;

  const markers: MapMarker[] = [];
  if (home)
    markers.push({
      key: 'home',
      kind: home.confirmed ? 'home' : 'proposed',
      at: home,
      label: t(home.confirmed ? 'visitMap.household' : 'visitMap.householdProposed'),
    });
  for (const [kind, p] of [
    ['checkIn', checkIn],
    ['checkOut', checkOut],
  ] as const)
    if (p)
      markers.push({
        key: kind,
        kind,
        at: p,
        accuracy: p.accuracy,
        label: t(`visitMap.${kind}`, { accuracy: Math.round(p.accuracy) }),
      });

  const position = checkIn ?? checkOut;
  let distance: string;
  if (visit.distanceMeters !== null) distance = t('visitMap.distance', { n: visit.distanceMeters });
  else if (!position) distance = t('visitMap.noPositions');
  else if (!home) distance = t('visitMap.noHousehold');
  else
    distance = `${t('visitMap.distanceUnmeasured')} · ${t('visitMap.distanceNow', {
      n: Math.round(metresBetween(position, home)),
    })}`;

  const legend = [
    ['#2a81cb', t('visitMap.household')],
    ['#52c41a', t('visitMap.legendCheckIn')],
    ['#fa8c16', t('visitMap.legendCheckOut')],
  ] as const;

  return (
    <Space
      orientation="vertical"
      size={8}
      style={{ width: '100%' }}
      data-testid="visit-map-section"
    >
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('visitMap.title')}
      </Typography.Title>
      <Typography.Text data-testid="visit-map-distance">{distance}</Typography.Text>
      <Space size={16} wrap style={{ fontSize: 12 }}>
        {legend.map(([colour, label]) => (
          <Typography.Text key={label} type="secondary">
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                marginRight: 4,
                background: colour,
              }}
            />
            {label}
          </Typography.Text>
        ))}
      </Space>
      <LazyDistrictMap
        markers={markers}
        divisionCode={visit.divisionCode}
        frame="markers"
        height={300}
        testId="visit-map"
      />
    </Space>
  );
}
