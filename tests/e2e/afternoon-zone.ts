// Kept out of playwright.config.ts so a unit test can check it for every hour of the day.

/**
 * The zone pages run in: one where it is now mid-afternoon (15:xx), so that a test typing 09:00–10:00
 * "today", or starting a timer 30 minutes ago, means the same whatever hour CI starts at. Midnight
 * and daylight-saving days have tests of their own that pin their zone.
 */
export function afternoonZone(now = new Date()): string {
  const east = ((15 - now.getUTCHours() + 36) % 24) - 12; // hours east of UTC, in [-12, 11]
  // Etc/GMT names count the other way round: Etc/GMT-3 is three hours east.
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}
