/**
 * The roster settings page (系统管理 → 名册设置) in Chinese; zh-CN.ts takes it in as
 * `rosterSettings`. rosterSettings.en-US.ts has the same keys (its type is `RosterSettingMessages`).
 */
const rosterSettingMessages = {
  rosterSettings: {
    title: '名册设置',
    intro:
      '街道的月度名册经确认后，此后的更正（死亡、迁出、信息变更）进入哪一轮名册，由各区县决定。已生成的名册不受影响，下一次更正起按新的设置。',
    district: '区县',
    corrections: '确认后的更正',
    same: '进入当月更正名册（第 1 次更正……）',
    next: '进入次月名册',
    source: '来源',
    chosen: '区县已设置',
    following: '沿用系统默认',
    defaultNote: '系统默认：{{value}}（部署参数 ROSTER_CORRECTIONS）',
    updated: '最近修改',
    save: '保存',
    saved: '{{district}}的名册设置已保存',
    empty: '您的范围内没有区县',
  },
};

export default rosterSettingMessages;
export type RosterSettingMessages = typeof rosterSettingMessages;
