import { z } from 'zod';

/** Roles of the glossary. */
export const roles = [
  'admin',
  'district_admin',
  'district_officer',
  'street_officer',
  'community_worker',
  'org_admin',
  'visitor',
  'operator',
  'reviewer',
  'provider_admin',
  'provider_staff',
  'institution_admin',
  'elder',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** A division code: 12 digits (city … community, right-padded with zeros) or 15 (a grid). */
export const DivisionCode = z.string().regex(/^\d{12}(\d{3})?$/, { error: 'division_code_format' });
export type DivisionCode = z.infer<typeof DivisionCode>;

export const Uuid = z.uuid();

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const Ok = z.object({ ok: z.literal(true) });

/** ISO timestamp in a response. */
export const Timestamp = z.string();

/** The body of every error answer. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  }),
});
