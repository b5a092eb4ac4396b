// Which QuickBooks company a name belongs to. A workspace can connect several companies; their
// sync keys (`entry:<id>`, aggregate keys) and their per-company state names ('worker',
// 'preferences'…) must never collide and must always tell whose they are. The rule: names of the
// primary company (the first one connected, which owns everything synced before there were
// several) are bare, as they always were; another company's carry `@<companyId>`. So a
// single-company workspace looks exactly as before, and no stored key had to be rewritten.

/** The first company connected; data from before several companies existed belongs to it. */
export const PRIMARY_COMPANY = 'primary';

/** A company id: 'primary', or 'co-' and 8 hex digits. */
export const COMPANY_ID_PATTERN = /^(primary|co-[0-9a-f]{8})$/;

const SUFFIX = /@(co-[0-9a-f]{8})$/;

/** The name as the company stores it. */
export function scopedName(name: string, companyId: string): string {
  return companyId === PRIMARY_COMPANY ? name : `${name}@${companyId}`;
}

/** The company a scoped name belongs to. */
export function companyOfName(name: string): string {
  return SUFFIX.exec(name)?.[1] ?? PRIMARY_COMPANY;
}

/** The name without its company. */
export function bareName(name: string): string {
  return name.replace(SUFFIX, '');
}
