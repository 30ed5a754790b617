import type { MapMessages } from './maps.zh-CN.ts';

const mapMessages: MapMessages = {
  maps: {
    label: 'Map of the district',
    loadFailed: 'The map could not be loaded',
    synthetic: 'The outlines of the demo district are made up, for the demonstration only.',
  },
  householdLocation: {
    title: 'Location',
    none: 'Not located',
    noneHint: 'No place set yet: home visits are not measured against it.',
    coordinates: 'Latitude {{latitude}}, longitude {{longitude}}',
    sources: { map: 'Set on the map', first_visit: 'First home visit’s check-in' },
    confirmed: 'Confirmed',
    unconfirmed: 'To confirm',
    proposedHint:
      'This place comes from the first home visit’s check-in; once confirmed, later home visits are measured against it.',
    place: 'Place on the map',
    change: 'Change the place',
    placing: 'Click where the household is on the map, then save.',
    picked: 'New place: latitude {{latitude}}, longitude {{longitude}}',
    save: 'Save the place',
    cancel: 'Cancel',
    confirm: 'Confirm the place',
    saved: 'Place saved',
    confirmedDone: 'Place confirmed',
    marker: 'The household',
    markerProposed: 'First home visit’s check-in (to confirm)',
    markerDraft: 'New place (not saved)',
  },
  visitMap: {
    title: 'Positions',
    household: 'The household',
    householdProposed: 'The household (first home visit, to confirm)',
    checkIn: 'Check-in ±{{accuracy}} m',
    checkOut: 'Check-out ±{{accuracy}} m',
    distance: 'Checked in {{n}} m from the household',
    distanceUnmeasured: 'Not measured: the household’s place was not confirmed when recorded',
    distanceNow: 'About {{n}} m from the household’s place now',
    noPositions: 'This visit has no positions',
    noHousehold: 'The household is not located yet',
    legendCheckIn: 'Check-in (the ring: its accuracy)',
    legendCheckOut: 'Check-out',
  },
};

export default mapMessages;
