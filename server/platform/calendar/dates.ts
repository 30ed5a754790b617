/** Calendar dates are those of Asia/Shanghai. */
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return dateFormat.format(at);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD HH:mm` of an instant in Asia/Shanghai (for files and printouts). */
export function shanghaiDateTime(at: Date): string {
  return dateTimeFormat.format(at).replace(', ', ' ');
}
