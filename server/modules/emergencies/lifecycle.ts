import {
  allowedActions,
  defineLifecycle,
  outcome,
  refusal,
  type Refusal,
} from '../../platform/contract/lifecycle.ts';
import type { Permission } from '../../platform/contract/permissions.ts';
import { emergencyStatuses, type EmergencyAction } from './contract.ts';

/*
 * An emergency's state machine, pure. Recorded, it is open: on the screens of the street and the
 * district until one of them takes it (taken); whoever took it, or anyone of the street or district,
 * closes it with the outcome. Calls are logged while it is not closed.
 */

type Status = (typeof emergencyStatuses)[number];

/** Who asks: their user id and which of the emergency permissions they hold. */
export type EmergencyCaller = { userId: string; records: boolean; handles: boolean };

export const callerOf = (actor: {
  userId: string;
  permissions: ReadonlySet<Permission>;
}): EmergencyCaller => ({
  userId: actor.userId,
  records: actor.permissions.has('emergency.record'),
  handles: actor.permissions.has('emergency.handle'),
});

/** What the machine reads of an emergency. */
export type EmergencyState = { status: Status; takenBy: string | null };

export type EmergencySets = {
  takenAt: Date;
  takenBy: string;
  closedAt: Date;
  closedBy: string;
};

export const emergencyLifecycle = defineLifecycle<
  Status,
  EmergencyAction,
  EmergencyCaller,
  EmergencyState,
  Partial<EmergencySets>
>({
  states: emergencyStatuses,
  transitions: {
    /** Someone of the street or the district takes it: it leaves the others' screens. */
    take: {
      from: ['open'],
      to: 'taken',
      may: (who) => who.handles,
      sets: (who, now) => ({ takenAt: now, takenBy: who.userId }),
    },
    /** Another call in the log (who was called, when, reached or not). */
    call: { from: ['open', 'taken'], may: (who) => who.records || who.handles },
    /** Closed with its outcome, once taken. */
    close: {
      from: ['taken'],
      to: 'closed',
      may: (who) => who.handles,
      sets: (who, now) => ({ closedAt: now, closedBy: who.userId }),
    },
  },
});

export const emergencyRefusal = (
  action: EmergencyAction,
  who: EmergencyCaller,
  emergency: EmergencyState,
): Refusal | null => refusal(emergencyLifecycle, action, { who, subject: emergency });

export const emergencyActionsFor = (
  who: EmergencyCaller,
  emergency: EmergencyState,
): EmergencyAction[] => allowedActions(emergencyLifecycle, { who, subject: emergency });

export const emergencyOutcome = (
  action: EmergencyAction,
  on: { who: EmergencyCaller; emergency: EmergencyState; now: Date },
) => outcome(emergencyLifecycle, action, { who: on.who, subject: on.emergency, now: on.now });
