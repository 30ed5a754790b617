/**
 * The progress of an Excel upload (the console's upload dialogs), in Chinese; zh-CN.ts takes them
 * in as `imports`. imports.en-US.ts has the same keys.
 */
const importMessages = {
  imports: {
    uploading: '正在上传：{{sent}} / {{total}}',
    reading: '正在读取文件：已读 {{done}} 行，约 {{total}} 行',
    readingUnknown: '正在读取文件：已读 {{done}} 行',
    checking: '正在逐行校验：{{done}} / {{total}} 行',
    writing: '正在写入：{{total}} 行',
    done: '已处理 {{done}} / {{total}} 行，即将完成…',
    waiting: '上传完成，等待服务器开始处理…',
  },
};

export default importMessages;
export type ImportMessages = typeof importMessages;
