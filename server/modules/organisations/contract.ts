import { z } from 'zod';
import {
  defineAuditActions,
  DivisionCode,
  PageQuery,
  Uuid,
  defineErrors,
  defineFieldLabels,
  endpoints,
  pageOf,
} from '../../platform/contract/index.ts';

export const organisationKinds = [
  'district_bureau',
  'street_office',
  'community',
  'service_org',
  'provider',
  'institution',
] as const;
export const OrganisationKind = z.enum(organisationKinds);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Kind names for messages composed on the server (the web has its own in its locale files). */
export const organisationKindNames: Record<OrganisationKind, { 'zh-CN': string; 'en-US': string }> =
  {
    district_bureau: { 'zh-CN': '区民政局', 'en-US': 'district bureau' },
    street_office: { 'zh-CN': '街道办事处', 'en-US': 'street office' },
    community: { 'zh-CN': '社区居委会', 'en-US': 'community' },
    service_org: { 'zh-CN': '服务机构', 'en-US': 'service organisation' },
    provider: { 'zh-CN': '服务商', 'en-US': 'provider' },
    institution: { 'zh-CN': '养老机构', 'en-US': 'institution' },
  };

export const OrganisationAuditAction = defineAuditActions({
  'organisation.create': { 'zh-CN': '新增机构', 'en-US': 'Organisation created' },
  'organisation.update': { 'zh-CN': '修改机构', 'en-US': 'Organisation changed' },
});

export const OrganisationError = defineErrors('organisation', {
  not_found: { status: 404, 'zh-CN': '未找到该机构', 'en-US': 'The organisation was not found' },
  division_not_found: {
    status: 400,
    'zh-CN': '所属区划 {divisionCode} 不存在或不在您的管理范围内',
    'en-US': 'Division {divisionCode} does not exist or is outside your scope',
  },
});

export const organisationFieldLabels = defineFieldLabels({
  kind: { 'zh-CN': '机构类型', 'en-US': 'Organisation kind' },
  disabled: { 'zh-CN': '停用', 'en-US': 'Disabled' },
});

export const OrganisationView = z.object({
  id: z.string(),
  kind: OrganisationKind,
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  disabled: z.boolean(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const OrganisationParams = z.object({ id: Uuid });
export const ListOrganisationsQuery = PageQuery.extend({
  kind: OrganisationKind.optional(),
  divisionCode: DivisionCode.optional(),
  q: z.string().trim().max(60).optional(),
});
export const CreateOrganisationBody = z.object({
  kind: OrganisationKind,
  name: z.string().trim().min(1).max(100),
  divisionCode: DivisionCode,
});
export const UpdateOrganisationBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  disabled: z.boolean().optional(),
});

export const organisationEndpoints = endpoints(organisationFieldLabels, {
  listOrganisations: {
    method: 'GET',
    path: '/api/organisations',
    summary: '列出范围内的机构',
    permission: 'organisation.read',
    scope: 'division',
    query: ListOrganisationsQuery,
    response: pageOf(OrganisationView),
  },
  getOrganisation: {
    method: 'GET',
    path: '/api/organisations/:id',
    summary: '查看一个机构',
    permission: 'organisation.read',
    scope: 'division',
    params: OrganisationParams,
    response: OrganisationView,
  },
  createOrganisation: {
    method: 'POST',
    path: '/api/organisations',
    summary: '新增机构',
    permission: 'organisation.manage',
    scope: 'division',
    body: CreateOrganisationBody,
    response: OrganisationView,
    status: 201,
    idempotent: true,
  },
  updateOrganisation: {
    method: 'PATCH',
    path: '/api/organisations/:id',
    summary: '修改或停用机构',
    permission: 'organisation.manage',
    scope: 'division',
    params: OrganisationParams,
    body: UpdateOrganisationBody,
    response: OrganisationView,
  },
});
