import { z } from 'zod';
import {
  defineValidationMessages,
  DivisionCode,
  PageQuery,
  Timestamp,
  Uuid,
} from '../../platform/contract/index.ts';
import { CareLevel, SubjectKind } from '../subjects/contract.ts';

/* The visits contract's assignments (re-exported by contract.ts): who visits whom, caseloads. */

defineValidationMessages({
  assign_one_way: {
    'zh-CN': '请选择服务对象，或选择一个社区，二者选一',
    'en-US': 'give either the subjects or a community, not both',
  },
});

export const AssignBody = z
  .object({
    visitorId: Uuid,
    /** One by one … */
    subjectIds: z.array(Uuid).min(1).max(500).optional(),
    /** … or every subject in care of a community (or grid). */
    divisionCode: DivisionCode.optional(),
  })
  .refine((b) => (b.subjectIds === undefined) !== (b.divisionCode === undefined), {
    path: ['subjectIds'],
    error: 'assign_one_way',
  });
export const HandOverBody = z.object({ fromVisitorId: Uuid, toVisitorId: Uuid });
export const UnassignBody = z.object({ subjectIds: z.array(Uuid).min(1).max(500) });
export const AssignmentResult = z.object({
  /** Subjects that now have this visitor. */
  assigned: z.number().int(),
  /** Of those, how many had another visitor before. */
  moved: z.number().int(),
});

export const VisitorView = z.object({
  id: Uuid,
  name: z.string(),
  username: z.string(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  /** Subjects assigned today. */
  caseload: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});
export const VisitorsQuery = z.object({ divisionCode: DivisionCode.optional() });

export const CaseloadItem = z.object({
  subjectId: Uuid,
  name: z.string(),
  kind: SubjectKind,
  careLevel: CareLevel,
  householdId: Uuid,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  since: z.string(),
  lastVisitAt: Timestamp.nullable(),
});
export const CaseloadQuery = PageQuery.extend({
  /** A part of the name (a caseload holds hundreds). */
  q: z.string().trim().max(50).optional(),
});

export const VisitorParams = z.object({ id: Uuid });
