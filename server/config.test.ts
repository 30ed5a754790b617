import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('configuration: office hours of the working-day calendar', () => {
  const env = { DATA_DIR: '/tmp/guanai-config-test' };

  it('reads WORKING_HOURS as the office hours of working-hour deadlines; unset: whole days', () => {
    expect(parseConfig({ ...env, WORKING_HOURS: '08:30-17:30' }).calendar.workingHours).toEqual({
      start: '08:30',
      end: '17:30',
    });
    expect(parseConfig(env).calendar.workingHours).toBeNull();
  });

  it('refuses office hours that are malformed or end before they start, naming the variable', () => {
    for (const bad of ['8:30-17:30', '08:30–17:30', '17:30-08:30', '09:00-09:00', '24:00-25:00'])
      expect(() => parseConfig({ ...env, WORKING_HOURS: bad })).toThrow(/WORKING_HOURS/);
  });
});
