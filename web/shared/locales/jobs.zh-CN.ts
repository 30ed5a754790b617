/**
 * The background jobs page (系统管理 → 后台任务) in Chinese; zh-CN.ts takes it in as `jobs`.
 * jobs.en-US.ts has the same keys (its type is `JobMessages`).
 */
const jobMessages = {
  jobs: {
    title: '后台任务',
    refresh: '刷新',
    queues: '任务队列',
    queue: '队列',
    name: '任务',
    scheduledTag: '定时',
    states: {
      created: '等待',
      retry: '待重试',
      active: '运行中',
      completed: '已完成',
      failed: '失败',
      cancelled: '已取消',
    },
    failures: '失败任务（重试用尽）',
    noFailures: '没有失败的任务',
    error: '错误',
    attempts: '尝试次数',
    failedAt: '搁置时间',
    firstCreatedAt: '首次创建',
    payload: '任务数据',
    retry: '重试',
    retryConfirm: '将该任务放回原队列并重新计算重试次数？',
    retried: '已放回队列，稍后运行',
    schedules: '定时任务',
    cron: 'Cron 表达式',
    timezone: '时区',
    nextRunAt: '下次运行',
    retention: '完成的任务保留 7 天，失败的任务保留 90 天。',
  },
};

export type JobMessages = typeof jobMessages;
export default jobMessages;
