import type { Db } from '../../db/client.ts';
import { onEmergencyRecorded } from '../emergencies/service.ts';
import { onSubjectsChanged, type SubjectsChanged } from '../subjects/service.ts';
import { addTrigger, refreshDues } from './dues.ts';

/**
 * The visits module's one way in: the visit record and the ledger, the due visits and their
 * lists, assignments, the policy.
 */

/**
 * What is due follows the roster in the transaction of its change: subjects enrolled, moved,
 * relevelled or removed get their rows of the current periods again, and a change to `special` or
 * a reported family change owes a home visit within the policy's trigger hours.
 */
export async function followSubjects(tx: Db, change: SubjectsChanged): Promise<void> {
  await refreshDues(tx, change.at, change.subjectIds);
  for (const subjectId of change.toSpecial)
    await addTrigger(tx, change.at, { subjectId, at: change.at, reason: 'special' });
  for (const subjectId of change.familyChanged ?? [])
    await addTrigger(tx, change.at, { subjectId, at: change.at, reason: 'family' });
}
onSubjectsChanged(followSubjects);

/** An emergency owes the subject a home visit within the policy's trigger hours. */
onEmergencyRecorded((tx, e) =>
  addTrigger(tx, e.at, { subjectId: e.subjectId, at: e.at, reason: 'emergency' }).then(() => {}),
);

export { exportVisits } from './service/export.ts';
export { listVisits, recordVisit, reviewVisit, viewVisit } from './service/visits.ts';
export { beginVisitPhoto, putVisitPhotoPart, visitPhotoUpload } from './service/photos.ts';
export { recordPastVisits, type PastVisit } from './service/history.ts';
export { overdueList, worklist } from './service/due-lists.ts';
export { visitRate } from './service/rate.ts';
export { syncVisits } from './service/sync.ts';
export {
  assignSubjects,
  caseload,
  handOver,
  listVisitors,
  unassignSubjects,
} from './service/assignments.ts';
export { getPolicy, savePolicy } from './service/policy.ts';
export {
  cancelCampaign,
  createCampaign,
  getCarePlan,
  listCampaigns,
  saveCarePlan,
} from './service/plans.ts';
export { escalateOverdue, escalationLevelOn, rollPeriods } from './service/escalation.ts';
export { refreshDues } from './dues.ts';
