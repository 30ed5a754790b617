/**
 * The audit log's verification (审计日志 → 校验) in Chinese; zh-CN.ts takes it in as `auditVerify`.
 * auditVerify.en-US.ts has the same keys (its type is `AuditVerifyMessages`).
 */
const auditVerifyMessages = {
  auditVerify: {
    ok: '审计日志完整',
    okDesc: '哈希链上 {{checked}} 条记录及其签名校验通过，{{unsealed}} 条尚待封存。',
    broken: '审计日志异常',
    brokenDesc: '已校验 {{checked}} 条记录，发现 {{count}} 项问题，请立即排查：',
    checkpoint: '最新签名检查点：第 {{seq}} 条，{{at}}，文件 {{file}} 第 {{line}} 行。',
    noCheckpoint: '尚无签名检查点（封存后写入）。',
    problems: {
      chain_broken: '哈希链在第 {{seq}} 条记录处断开：该记录被修改、删除或重新链接。',
      row_mac_invalid: '第 {{seq}} 条记录的签名不符：它不是本系统写入的。',
      forged_rows:
        '{{count}} 条记录没有有效签名，未封存进哈希链（不是本系统写入的，疑为直接写入数据库）：记录编号 {{ids}}。',
      tail_cut:
        '最新的记录被删除：缺少第 {{fromSeq}}–{{toSeq}} 条（检查点 {{checkpointAt}}，文件 {{file}}）。',
      checkpoint_mismatch:
        '第 {{seq}} 条记录与检查点（{{checkpointAt}}，文件 {{file}}）不符：第 {{sinceSeq}} 条之后的记录已被替换。',
      checkpoint_invalid: '检查点文件 {{file}} 第 {{line}} 行签名不符（被修改或伪造）。',
    },
    refused: '伪造',
    refusals: {
      no_mac: '没有签名：不是本系统写入的',
      bad_mac: '签名错误：不是本系统写入的',
      late_legacy: '冒充升级前的旧记录',
    },
  },
};

export type AuditVerifyMessages = typeof auditVerifyMessages;
export default auditVerifyMessages;
