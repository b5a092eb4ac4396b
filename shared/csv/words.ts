// TEMP STUB (replaced by helper B's module)
export const canonicalHeader = (h: string) => h.trim();
export function readYesNo(value: string): boolean | null | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (['yes', 'y', 'true', '1'].includes(text)) return true;
  if (['no', 'n', 'false', '0'].includes(text)) return false;
  return undefined;
}
export const readInvoiced = readYesNo;
