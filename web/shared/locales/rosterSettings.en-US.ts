import type { RosterSettingMessages } from './rosterSettings.zh-CN.ts';

/** The roster settings page in English: the same keys as rosterSettings.zh-CN.ts. */
const rosterSettingMessages: RosterSettingMessages = {
  rosterSettings: {
    title: 'Roster settings',
    intro:
      'Once a street’s monthly roster is approved, each district decides which round later corrections (a death, a move, changed details) go into. Rounds already made stay as they are; the next correction follows the new setting.',
    district: 'District',
    corrections: 'Corrections after approval',
    same: 'Into a correction round of the same month (correction 1 …)',
    next: 'Into the next month’s round',
    source: 'Source',
    chosen: 'Set by the district',
    following: 'System default',
    defaultNote: 'System default: {{value}} (deployment setting ROSTER_CORRECTIONS)',
    updated: 'Last changed',
    save: 'Save',
    saved: 'Roster settings of {{district}} saved',
    empty: 'No district in your scope',
  },
};

export default rosterSettingMessages;
