/** Today in Asia/Shanghai (the server's calendar) as `YYYY-MM-DD`, whatever the browser's zone. */
export function shanghaiToday(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** Today in Asia/Shanghai as `YYYYMMDD`, for a file name. */
export const shanghaiStamp = (at = new Date()) => shanghaiToday(at).replaceAll('-', '');
