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
    escalated: 'Escalated to {{level}}: {{count}} overdue',
    types: {
      'roster_round.submitted': 'Roster submitted for review',
      'roster_round.reopened': 'Roster submission withdrawn: open again',
      'roster_round.approved': 'Roster approved',
      'roster_round.returned': 'Roster returned for changes',
      'export_request.requested': 'Export request to decide',
      'export_request.approved': 'Export request approved',
      'export_request.refused': 'Export request refused',
      'export_request.ready': 'Export file ready',
      'export_request.failed': 'Export file could not be made: request again',
      'emergency.opened': 'New emergency to take',
      'emergency.taken': 'Emergency taken',
      'emergency.closed': 'Emergency closed',
      'visit_due.escalated': 'Overdue visits escalated',
      'visit_due.triggered': 'A visit is due within hours',
    },
    unknownType: 'Something new',
  },
};

export default liveMessages;
