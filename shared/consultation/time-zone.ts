/**
 * Moments of a consultation in the territory's time zone (Asia/Tashkent by default). The API
 * stores and answers instants in UTC; people enter and read local wall-clock times, so the pages
 * convert with these two functions whatever time zone the browser itself is set to.
 */

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function wallClockParts(instantMs: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const result: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') result[part.type] = Number(part.value);
  return result;
}

/** "2027-03-31T23:00" for an instant, as a datetime-local input in that time zone shows it. */
export function localDateTime(instant: string | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const p = wallClockParts(ms, timeZone);
  return `${pad(p.year!, 4)}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
}

function offsetMs(instantMs: number, timeZone: string): number {
  const p = wallClockParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The UTC instant (ISO 8601 with Z) of a wall-clock time in a time zone: "2027-03-31T23:00" in
 * Asia/Tashkent is "2027-03-31T18:00:00.000Z". Two passes settle the offset across a DST change.
 */
export function instantFromLocal(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`Not a local date and time: ${local}`);
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const wallAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second || 0);
  let instant = wallAsUtc - offsetMs(wallAsUtc, timeZone);
  instant = wallAsUtc - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}
