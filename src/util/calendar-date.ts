/** A day written as YYYY-MM-DD. */
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as YYYY-MM-DD: 2027-02-31 is not one (Date.parse would roll it over to March). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_TEXT.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
