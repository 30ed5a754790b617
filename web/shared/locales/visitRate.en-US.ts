import type { VisitRateMessages } from './visitRate.zh-CN.ts';

const visitRateMessages: VisitRateMessages = {
  visitRate: {
    title: 'Visit rate',
    intro:
      'Of the subjects in care in a month, the share met in person that month (at home, by phone or by video), against a target of 100 %. By the division one level down and by care level.',
    month: 'Month',
    divisionPlaceholder: 'Area (default: your scope)',
    print: 'Print',
    target: 'Target 100 %',
    summary: '{{month}} · {{area}}: {{visited}} of {{covered}} visited, rate {{rate}}',
    scopeArea: 'Your scope',
    sheetTitle: 'Visit rate, {{month}}',
    printedAt: 'Printed {{at}}',
    empty: 'Nobody was in care in this area that month',
    columns: {
      area: 'Area',
      street: 'Street',
      community: 'Community',
      district: 'District',
      covered: 'In care',
      visited: 'Visited',
      homeVisited: 'At home',
      rate: 'Rate',
      all: 'All levels',
    },
    totalsRow: 'Total',
  },
};

export default visitRateMessages;
