export * from './common.ts';
export * from './divisions.ts';
export * from './endpoint.ts';
export * from './errors.ts';
export * from './fields.ts';
export * from './phone.ts';
export * from './audit-actions.ts';
export * from './id-number.ts';
