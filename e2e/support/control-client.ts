import { inject } from 'vitest';

/** Calls an action of the test run's door into the e2e server's process (control.ts). */
async function control<T>(action: string, body: object): Promise<T> {
  const res = await fetch(`${inject('controlURL')}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`control ${action}: ${answer.error ?? res.status}`);
  return answer;
}

/** Runs a job of the e2e server now, as its schedule would, and returns once the run completed. */
export function runJobNow(name: string): Promise<{ id: string; state: string }> {
  return control('jobs/run', { name });
}

/**
 * Gives the subject a visit overdue since a day whose next `visits.escalate` run takes it to the
 * street and no further (escalation.ts); returns the row's id and that day.
 */
export function makeOverdueForStreet(subjectId: string): Promise<{ dueId: string; day: string }> {
  return control('visits/overdue-for-street', { subjectId });
}
