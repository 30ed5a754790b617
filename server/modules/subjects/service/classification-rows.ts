import { and, asc, eq, sql } from 'drizzle-orm';
import { divisionPrefix } from '../../../platform/contract/divisions.ts';
import { ageOn } from '../../../platform/contract/id-number.ts';
import type { SubjectsContext } from '../context.ts';
import type { CareLevel, SubjectKind } from '../contract.ts';
import { currentCategories, subjectScope } from '../queries.ts';
import { subjects } from '../tables.ts';

/** What classification needs of a subject on the live roster: no sensitive value. */
export type ClassificationRow = {
  id: string;
  householdId: string;
  name: string;
  kind: SubjectKind;
  age: number;
  divisionCode: string;
  careLevel: CareLevel;
  careLevelReason: string | null;
  categories: string[];
};

/** The active subjects in the actor's scope (under a division, or one subject), in pinyin order. */
export async function classificationRows(
  c: Pick<SubjectsContext, 'db' | 'actor' | 'today'>,
  only: { divisionCode?: string; subjectId?: string } = {},
): Promise<ClassificationRow[]> {
  const { db, actor, today } = c;
  const { divisionCode, subjectId } = only;
  const found = await db
    .select({
      id: subjects.id,
      householdId: subjects.householdId,
      name: subjects.name,
      kind: subjects.kind,
      birthDate: subjects.birthDate,
      divisionCode: subjects.divisionCode,
      careLevel: subjects.careLevel,
      careLevelReason: subjects.careLevelReason,
    })
    .from(subjects)
    .where(
      and(
        subjectId ? eq(subjects.id, subjectId) : eq(subjects.status, 'active'),
        subjectScope(actor, today),
        divisionCode
          ? sql`${subjects.divisionCode} like ${divisionPrefix(divisionCode) + '%'}`
          : undefined,
      ),
    )
    .orderBy(asc(subjects.divisionCode), asc(subjects.namePinyin));
  const categories = await currentCategories(
    c,
    found.map((s) => s.id),
  );
  return found.map(({ birthDate, ...s }) => ({
    ...s,
    age: ageOn(birthDate, today),
    categories: categories.get(s.id) ?? [],
  }));
}
