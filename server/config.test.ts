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

describe('configuration: the ability assessment’s adjustments', () => {
  const env = { DATA_DIR: '/tmp/guanai-config-test' };

  it('stacks both raises at two care-risk events by default; each switch can be turned off', () => {
    expect(parseConfig(env).ability).toEqual({
      stackAdjustments: true,
      riskEventThreshold: 2,
      mentalRaise: true,
      riskRaise: true,
    });
    expect(
      parseConfig({
        ...env,
        ABILITY_STACK_ADJUSTMENTS: '0',
        ABILITY_RISK_EVENTS: '3',
        ABILITY_MENTAL_RAISE: 'off',
        ABILITY_RISK_RAISE: 'false',
      }).ability,
    ).toEqual({
      stackAdjustments: false,
      riskEventThreshold: 3,
      mentalRaise: false,
      riskRaise: false,
    });
  });

  it('refuses a threshold that is not a whole number of at least 1, naming the variable', () => {
    for (const bad of ['0', '1.5', 'two'])
      expect(() => parseConfig({ ...env, ABILITY_RISK_EVENTS: bad })).toThrow(
        /ABILITY_RISK_EVENTS/,
      );
    expect(() => parseConfig({ ...env, ABILITY_STACK_ADJUSTMENTS: 'maybe' })).toThrow(
      /ABILITY_STACK_ADJUSTMENTS/,
    );
  });
});
