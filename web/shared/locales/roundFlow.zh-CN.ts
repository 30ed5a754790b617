/**
 * The monthly round's flow (提交确认、撤回提交、各社区进度、更正名册) in Chinese; zh-CN.ts takes
 * them in as `roundFlow`. roundFlow.en-US.ts has the same keys.
 */
const roundFlowMessages = {
  roundFlow: {
    submitTitle: '提交{{street}}{{month}}名册？',
    submitContent:
      '将提交全街道 {{rows}} 条变更，来自 {{communities}} 个社区：{{list}}。提交后由街道审核，各社区都不能再修改，直至街道退回或撤回提交。',
    submitItem: '{{name}} {{rows}} 条',
    noteSep: '；',
    listSep: '、',
    submitMissing: '尚未上传的社区：{{names}}',
    submitAllIn: '街道所有社区均已上传。',
    submitOk: '提交',
    reopen: '撤回提交',
    reopenTitle: '撤回{{month}}名册的提交？',
    reopenContent: '撤回后名册回到编制中，各社区可继续修改，之后需重新提交街道审核。',
    reopened: '已撤回提交，名册重新编制中',
    correct: '录入更正',
    correctionTag: '更正 {{sequence}}',
    correctionTitle: '第 {{sequence}} 次更正',
    correctionAlert:
      '本月名册已确认。此后的更正（死亡、迁出、信息变更）请点“录入更正”或在户档中申请移出，将进入{{month}}的更正名册，同样经街道审核后生效。',
    correctionAlertNext:
      '本月名册已确认。此后的更正（死亡、迁出、信息变更）将进入下月名册，同样经街道审核后生效。',
    monthRounds: '本月各轮',
    mainRound: '月度名册',
    submittedBy: '提交人',
    reopenedAt: '撤回提交时间',
    into: {
      same: '{{month}}名册已确认，将进入第 {{sequence}} 次更正名册',
      next: '{{from}}名册已确认，将进入{{month}}名册',
    },
    progress: {
      title: '各社区进度',
      community: '社区',
      state: '上传情况',
      uploaded: '已上传',
      notUploaded: '未上传',
      rows: '变更条数',
      rejected: '上次上传被拒行数',
      returned: '退回（未修改）',
      lastUpload: '最近上传',
      none: '—',
    },
  },
};

export default roundFlowMessages;
export type RoundFlowMessages = typeof roundFlowMessages;
