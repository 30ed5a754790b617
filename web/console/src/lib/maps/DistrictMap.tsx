import { Alert, Skeleton, Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import { Fragment, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AttributionControl,
  Circle,
  CircleMarker,
  GeoJSON,
  MapContainer,
  Marker,
  Pane,
  ScaleControl,
  TileLayer,
  Tooltip,
  useMap,
  useMapEvents,
} from 'react-leaflet';
import type {
  MapCrs,
  MapOutlines,
  OutlineFeature,
} from '../../../../../server/modules/maps/contract.ts';
import { divisionPrefix } from '../../../../../server/platform/contract/divisions.ts';
import { errorMessage } from '../../../../shared/errors.ts';
import { useReducedMotion } from '../useReducedMotion.ts';
import { useMapOutlines, useMapSettings } from './api.ts';
import { convert, outlinesIn } from './coords.ts';
import './district-map.css';
import type { DistrictMapProps, MapMarker, MapPoint } from './types.ts';

/*
 * The district's map (Leaflet through react-leaflet), loaded only where a map is shown
 * (LazyDistrictMap): the outlines the platform serves, so it works offline; online tiles only when
 * configured; the markers given in WGS-84, drawn in the datum of the tiles (GCJ-02 for AMap and
 * Tencent, converted with gcoord) and a click converted back. Without animations when the system
 * asks for reduced motion.
 */

// the marker images from the bundle, never from a CDN
const pin = new L.Icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  tooltipAnchor: [12, -28],
  shadowSize: [41, 41],
});
const pinOf = (kind: MapMarker['kind']) =>
  kind === 'home' ? pin : new L.Icon({ ...pin.options, className: `district-map-${kind}` });

const dots = {
  checkIn: { color: '#389e0d', fillColor: '#52c41a' },
  checkOut: { color: '#d46b08', fillColor: '#fa8c16' },
} as const;

/** The outline that frames a division: its own, else its street's or district's (longest prefix). */
function outlineOf(outlines: MapOutlines, code: string | undefined): OutlineFeature | undefined {
  if (!code) return undefined;
  return outlines.features
    .filter((f) => code.startsWith(divisionPrefix(f.properties.code)))
    .sort(
      (a, b) => divisionPrefix(b.properties.code).length - divisionPrefix(a.properties.code).length,
    )[0];
}

const boundsOfFeature = (f: OutlineFeature) => L.geoJSON(f).getBounds();

/** Fits the view to `bounds` whenever what is framed changes (not on every render). */
function Framing({
  bounds,
  maxZoom,
  frameKey,
}: {
  bounds: L.LatLngBounds;
  maxZoom: number;
  frameKey: string;
}) {
  const map = useMap();
  const reduced = useReducedMotion();
  useEffect(() => {
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom, animate: !reduced });
  }, [map, frameKey]); // the frame's key says when to refit, not each new bounds object
  // a map in a drawer or a card that changes size: Leaflet measures its container again
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ animate: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

function Picker({ onPick, crs }: { onPick: (at: MapPoint) => void; crs: MapCrs }) {
  useMapEvents({
    click: (e) => onPick(convert({ lat: e.latlng.lat, lng: e.latlng.lng }, crs, 'wgs84')),
  });
  return null;
}

/** The credit line of the tiles as text: the configuration says it, it is not HTML. */
const asText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export default function DistrictMap({
  markers,
  divisionCode,
  frame: framing = 'division',
  onPick,
  height = 360,
  testId,
}: DistrictMapProps) {
  const { t } = useTranslation();
  const reduced = useReducedMotion();
  const settings = useMapSettings();
  const outlines = useMapOutlines();
  const tiles = settings.data?.tiles ?? null;
  // without tiles the map is drawn in the outlines' own datum
  const crs: MapCrs = tiles?.crs ?? outlines.data?.crs ?? 'wgs84';
  const shown = useMemo(
    () => (outlines.data ? outlinesIn(outlines.data, crs) : null),
    [outlines.data, crs],
  );
  const focus = shown ? outlineOf(shown, divisionCode) : undefined;
  const placed = markers.map((m) => ({ ...m, at: convert(m.at, 'wgs84', crs) }));

  // the markers with their accuracy (and some ground around them when they are what is framed);
  // with the outlines alone the division's outline too, unless the markers are framed close
  const frame = L.latLngBounds([]);
  const ground = framing === 'markers' ? 120 : 30;
  for (const m of placed)
    frame.extend(L.latLng(m.at.lat, m.at.lng).toBounds(Math.max(m.accuracy ?? 0, ground) * 2));
  if (placed.length === 0 || (!tiles && framing === 'division')) {
    const around = focus ?? shown?.features.find((f) => f.properties.level === 'district');
    if (around) frame.extend(boundsOfFeature(around));
  }

  if (settings.isError || outlines.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('maps.loadFailed')}
        description={errorMessage(settings.error ?? outlines.error)}
      />
    );
  if (!shown || !settings.data) return <Skeleton.Node active style={{ width: '100%', height }} />;

  const frameKey = `${divisionCode ?? ''}|${frame.toBBoxString()}`;
  return (
    <div data-testid={testId}>
      <MapContainer
        // Leaflet reads its animation options once: a change of the system setting starts anew
        key={String(reduced)}
        bounds={frame.isValid() ? frame : undefined}
        center={frame.isValid() ? undefined : [41.82, 123.48]}
        zoom={frame.isValid() ? undefined : 12}
        maxZoom={tiles?.maxZoom ?? 18}
        zoomAnimation={!reduced}
        fadeAnimation={!reduced}
        markerZoomAnimation={!reduced}
        inertia={!reduced}
        scrollWheelZoom={false}
        // Leaflet's credit as plain text (its default prefix carries a flag image)
        attributionControl={false}
        className={onPick ? 'district-map district-map-picking' : 'district-map'}
        style={{ height, width: '100%' }}
        aria-label={t('maps.label')}
      >
        {tiles && (
          <TileLayer
            url={tiles.url}
            subdomains={tiles.subdomains}
            maxZoom={tiles.maxZoom}
            attribution={asText(tiles.attribution)}
          />
        )}
        <GeoJSON
          key={`${crs}|${focus?.properties.code ?? ''}|${shown.features.length}`}
          data={shown as unknown as GeoJSON.FeatureCollection}
          style={(f) => {
            const level = (f?.properties as OutlineFeature['properties'] | undefined)?.level;
            const stressed =
              f?.properties &&
              focus &&
              (f.properties as OutlineFeature['properties']).code === focus.properties.code;
            return level === 'district'
              ? { color: '#1d39c4', weight: 3, fill: false }
              : {
                  color: stressed ? '#1677ff' : '#597ef7',
                  weight: stressed ? 3 : 1.5,
                  fillColor: '#adc6ff',
                  fillOpacity: stressed ? 0.3 : tiles ? 0.08 : 0.15,
                  className: stressed
                    ? 'district-map-outline district-map-focus'
                    : 'district-map-outline',
                };
          }}
          onEachFeature={(f, layer) => {
            const p = f.properties as OutlineFeature['properties'];
            if (p.level !== 'district')
              layer.bindTooltip(p.name, {
                permanent: true,
                direction: 'center',
                className: 'district-map-label',
              });
          }}
        />
        {placed
          .filter((m) => m.kind !== 'checkIn' && m.kind !== 'checkOut')
          .map((m) => (
            <Marker
              // Leaflet reads a marker's title once: a new kind (confirmed) is a new marker
              key={`${m.key}|${m.kind}|${m.label}`}
              position={[m.at.lat, m.at.lng]}
              icon={pinOf(m.kind)}
              title={m.label}
              alt={m.label}
              keyboard
            >
              <Tooltip>{m.label}</Tooltip>
            </Marker>
          ))}
        {/* check-ins above the household's pin, which would hide those close to home */}
        <Pane name="positions" style={{ zIndex: 620 }}>
          {placed.map(
            (m) =>
              (m.kind === 'checkIn' || m.kind === 'checkOut') && (
                <Fragment key={m.key}>
                  {m.accuracy !== undefined && (
                    <Circle
                      center={[m.at.lat, m.at.lng]}
                      radius={m.accuracy}
                      className={`district-map-accuracy district-map-accuracy-${m.kind}`}
                      pathOptions={{ ...dots[m.kind], weight: 1, fillOpacity: 0.15 }}
                    />
                  )}
                  <CircleMarker
                    center={[m.at.lat, m.at.lng]}
                    radius={6}
                    className={`district-map-${m.kind}`}
                    pathOptions={{ ...dots[m.kind], weight: 2, fillOpacity: 0.9 }}
                  >
                    <Tooltip>{m.label}</Tooltip>
                  </CircleMarker>
                </Fragment>
              ),
          )}
        </Pane>
        <AttributionControl prefix="Leaflet" />
        <ScaleControl imperial={false} position="bottomleft" />
        {onPick && <Picker onPick={onPick} crs={crs} />}
        <Framing
          bounds={frame}
          maxZoom={framing === 'markers' ? 17 : tiles ? 17 : 15}
          frameKey={frameKey}
        />
      </MapContainer>
      {shown.synthetic && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('maps.synthetic')}
        </Typography.Text>
      )}
    </div>
  );
}
