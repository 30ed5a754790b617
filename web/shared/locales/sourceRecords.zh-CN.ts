/**
 * Other departments' records (P8): the import dialog and the comparison in a subject's file, in
 * Chinese; zh-CN.ts takes them in as `sources`. sourceRecords.en-US.ts has the same keys.
 */
const sourceRecordMessages = {
  sources: {
    names: {
      household_registration: '公安户籍',
      social_security: '人社社保',
      health: '卫健健康档案',
      medical_insurance: '医保',
    },
    fields: {
      name: '姓名',
      sex: '性别',
      birthDate: '年龄（按出生日期）',
      phone: '联系电话',
      registeredAddress: '户籍地址',
      address: '现住址',
      insuranceStatus: '参保状态',
      medicalInsurance: '医保类型',
      healthStatus: '健康状况',
      disabilityGrade: '残疾等级',
      deathDate: '死亡日期',
    },
    section: '数据来源',
    field: '项目',
    roster: '名册',
    asOf: '{{date}}',
    disagrees: '不一致',
    deathReported: '部门数据显示已死亡，请核实并按程序移出名册',
    none: '暂无其他部门数据',
    importOpen: '导入部门数据',
    importTitle: '导入部门数据',
    source: '数据来源',
    date: '数据日期',
    required: '请先选择数据来源和数据日期',
    templateFile: '部门数据导入模板.xlsx',
    template: '下载模板',
    drop: '点击或拖入部门数据 Excel 文件',
    hint: '第 1 列为身份证号，其后为模板中的数据列；按身份证号匹配名册，只保留名册中人员的数据',
    checking: '正在校验…',
    accepted: '匹配名册（人）',
    unmatched: '不在名册，不保留（人）',
    rejected: '问题（处）',
    checkPassed: '校验通过：{{count}} 人的 {{values}} 项数据可以导入',
    checkFailed: '文件有 {{count}} 处问题，请修改后重新选择文件',
    row: '行号',
    rowValue: '第 {{row}} 行',
    column: '列',
    message: '问题',
    confirm: '确认导入',
    imported: '已导入 {{count}} 人的 {{values}} 项数据',
    done: '完成',
  },
};

export default sourceRecordMessages;
export type SourceRecordMessages = typeof sourceRecordMessages;
