import { z } from 'zod';
import { defineErrors, DivisionCode, Timestamp } from '../../platform/contract/index.ts';
import { correctionMonths } from './rounds-contract.ts';

/*
 * The rosters contract's settings (re-exported by contract.ts): what each district chooses for
 * its streets' rounds.
 */

export const CorrectionMonth = z.enum(correctionMonths);

/** One district's choice, or the deployment's default where it has made none. */
export const RosterSettingView = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  corrections: CorrectionMonth,
  /** Whether the district chose (false: it follows the deployment's default). */
  chosen: z.boolean(),
  /** The version a save names (0: never chosen). */
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
  updatedByName: z.string().nullable(),
});

export const RosterSettingsView = z.object({
  /** The deployment's ROSTER_CORRECTIONS, which a district follows until it chooses. */
  defaultCorrections: CorrectionMonth,
  items: z.array(RosterSettingView),
});

export const RosterSettingParams = z.object({ districtCode: DivisionCode });
export const UpdateRosterSettingBody = z.object({
  corrections: CorrectionMonth,
  /** The version the editor read (0: never chosen); another save since is refused. */
  version: z.number().int().min(0),
});

export const RosterSettingError = defineErrors('roster_setting', {
  not_found: { status: 404, 'zh-CN': '未找到该区县', 'en-US': 'The district was not found' },
  changed: {
    status: 409,
    'zh-CN': '名册设置已被他人修改（现为第 {version} 版），请刷新后重试',
    'en-US': 'Someone else changed the roster settings (now version {version}); reload and retry',
  },
});
