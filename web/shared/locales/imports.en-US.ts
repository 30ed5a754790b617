import type { ImportMessages } from './imports.zh-CN.ts';

const importMessages: ImportMessages = {
  imports: {
    uploading: 'Uploading: {{sent}} of {{total}}',
    reading: 'Reading the file: {{done}} rows read of about {{total}}',
    readingUnknown: 'Reading the file: {{done}} rows read',
    checking: 'Checking each row: {{done}} of {{total}}',
    writing: 'Writing {{total}} rows',
    done: '{{done}} of {{total}} rows done, almost there…',
    waiting: 'Uploaded; waiting for the server to start…',
  },
};

export default importMessages;
