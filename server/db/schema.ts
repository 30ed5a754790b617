/** Every table, re-exported from the module or platform folder that owns it. */
export * from '../platform/audit/tables.ts';
export * from '../platform/http/tables.ts';
export * from '../platform/imports/tables.ts';
export * from '../platform/files/tables.ts';
export * from '../platform/events/tables.ts';
export * from '../modules/divisions/tables.ts';
export * from '../modules/organisations/tables.ts';
export * from '../modules/users/tables.ts';
export * from '../modules/subjects/tables.ts';
export * from '../modules/rosters/tables.ts';
export * from '../modules/care-levels/tables.ts';
export * from '../modules/source-records/tables.ts';
export * from '../platform/calendar/tables.ts';
export * from './data-migrations/tables.ts';
export * from '../modules/export-requests/tables.ts';
export * from '../modules/visits/tables.ts';
export * from '../modules/emergencies/tables.ts';
