/** A place in WGS-84 degrees: what the platform stores and the API speaks. */
export type MapPoint = { lat: number; lng: number };

/**
 * What a marker shows: the household's place (`home`), a place proposed by the first home visit
 * and not yet confirmed (`proposed`), one picked on the map and not yet saved (`draft`), a visit's
 * check-in and check-out (with their accuracy in metres, drawn as a circle).
 */
export type MapMarker = {
  key: string;
  kind: 'home' | 'proposed' | 'draft' | 'checkIn' | 'checkOut';
  at: MapPoint;
  accuracy?: number;
  label: string;
};

export type DistrictMapProps = {
  markers: readonly MapMarker[];
  /** The division whose outline is framed and stressed (a community falls back to its street). */
  divisionCode?: string;
  /**
   * What the view frames: the division's outline with the markers (default), or the markers close
   * up with some ground around them (a visit's check-ins beside the household).
   */
  frame?: 'division' | 'markers';
  /** Called with the WGS-84 place a click picked; without it the map picks nothing. */
  onPick?: (at: MapPoint) => void;
  height?: number;
  testId?: string;
};
