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
