import type { LiveMessages } from './live.zh-CN.ts';

const liveMessages: LiveMessages = {
  live: {
    connected: 'Live',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    connectedHint: 'Connected: you are told when something new arrives',
    reconnectingHint: 'Connection lost, reconnecting; what arrives meanwhile follows once back',
    open: 'Open',
    month: 'Month {{month}}',
    types: {
      'roster_round.submitted': 'Roster submitted for review',
      'roster_round.reopened': 'Roster submission withdrawn: open again',
      'roster_round.approved': 'Roster approved',
      'roster_round.returned': 'Roster returned for changes',
    },
    unknownType: 'Something new',
  },
};

export default liveMessages;
