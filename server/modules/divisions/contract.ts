import { z } from 'zod';
import {
  divisionLevels,
  defineAuditActions,
  DivisionCode,
  defineErrors,
  defineFieldLabels,
  endpoints,
} from '../../platform/contract/index.ts';

export const DivisionAuditAction = defineAuditActions({
  'division.create': { 'zh-CN': '新增行政区划', 'en-US': 'Division created' },
  'division.update': { 'zh-CN': '修改行政区划', 'en-US': 'Division changed' },
});

export const DivisionError = defineErrors('division', {
  not_found: { status: 404, 'zh-CN': '未找到该行政区划', 'en-US': 'The division was not found' },
  code_taken: {
    status: 409,
    'zh-CN': '区划代码 {code} 已存在',
    'en-US': 'Division code {code} already exists',
  },
  parent_mismatch: {
    status: 400,
    'zh-CN': '区划代码 {code} 不属于上级区划 {parentCode}',
    'en-US': 'Division code {code} does not belong under {parentCode}',
  },
  parent_inactive: {
    status: 409,
    'zh-CN': '上级区划 {parentCode} 已停用，不能在其下新增',
    'en-US': 'The parent division {parentCode} has ended; nothing can be added under it',
  },
  own_root: {
    status: 403,
    'zh-CN': '不能修改本人数据范围的根区划，请联系上级管理员',
    'en-US': 'The root of your own scope is changed by an administrator above you',
  },
  has_children: {
    status: 409,
    'zh-CN': '该区划下还有在停用日期后仍有效的下级区划，请先停用下级区划',
    'en-US': 'Some child divisions stay valid after this date; end them first',
  },
});

export const divisionFieldLabels = defineFieldLabels({
  parentCode: { 'zh-CN': '上级区划代码', 'en-US': 'Parent division code' },
  urbanRuralCode: { 'zh-CN': '城乡分类代码', 'en-US': 'Urban-rural code' },
  sortOrder: { 'zh-CN': '排序', 'en-US': 'Sort order' },
  validTo: { 'zh-CN': '停用日期', 'en-US': 'Valid to' },
  includeInactive: { 'zh-CN': '含已停用', 'en-US': 'Include inactive' },
});

export const DivisionLevel = z.enum(divisionLevels);

export const DivisionView = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  /** The parent's name, also when the parent lies above the actor's scope. */
  parentName: z.string().nullable(),
  level: DivisionLevel,
  name: z.string(),
  urbanRuralCode: z.string().nullable(),
  sortOrder: z.number().int(),
  validTo: z.string().nullable(),
});
export type DivisionView = z.infer<typeof DivisionView>;

export const DivisionParams = z.object({ code: DivisionCode });
export const ListDivisionsQuery = z.object({
  /** Include divisions that are no longer valid. */
  includeInactive: z.enum(['true', 'false']).optional(),
});

const Name = z.string().trim().min(1).max(60);
const UrbanRuralCode = z
  .string()
  .regex(/^[12]\d{2}$/)
  .nullable()
  .optional();

export const CreateDivisionBody = z.object({
  code: DivisionCode,
  /** When given, the code must lie directly under this division. */
  parentCode: DivisionCode.optional(),
  name: Name,
  urbanRuralCode: UrbanRuralCode,
  sortOrder: z.number().int().min(0).max(9999).optional(),
});
export const UpdateDivisionBody = z.object({
  name: Name.optional(),
  urbanRuralCode: UrbanRuralCode,
  sortOrder: z.number().int().min(0).max(9999).optional(),
  /** Set to end the division (e.g. merged); null to restore it. */
  validTo: z.iso.date().nullable().optional(),
});

export const divisionEndpoints = endpoints(divisionFieldLabels, {
  listDivisions: {
    method: 'GET',
    path: '/api/divisions',
    summary: '列出当前用户范围内的行政区划子树（上级在前）',
    permission: 'division.read',
    scope: 'division',
    query: ListDivisionsQuery,
    response: z.object({ items: z.array(DivisionView) }),
  },
  getDivision: {
    method: 'GET',
    path: '/api/divisions/:code',
    summary: '查看一个行政区划',
    permission: 'division.read',
    scope: 'division',
    params: DivisionParams,
    response: DivisionView,
  },
  createDivision: {
    method: 'POST',
    path: '/api/divisions',
    summary: '新增行政区划（上级由代码推出）',
    permission: 'division.manage',
    scope: 'division',
    body: CreateDivisionBody,
    response: DivisionView,
    status: 201,
    idempotent: true,
  },
  updateDivision: {
    method: 'PATCH',
    path: '/api/divisions/:code',
    summary: '修改行政区划的名称、排序或停用',
    permission: 'division.manage',
    scope: 'division',
    params: DivisionParams,
    body: UpdateDivisionBody,
    response: DivisionView,
  },
});
