// Which qbXML version to speak to a QuickBooks Desktop: the lowest one that has every element
// Track Nexus sends, among the versions that QuickBooks lists in HostQuery (shared/docs/qbo-api.md
// §9.4). Each element's first version is taken from Intuit's own schemas of earlier versions.

/** The version to use, or why this QuickBooks cannot take Track Nexus' requests, in the user's words. */
export function qbxmlVersionFor(supported: readonly string[]): { version: string } | { problem: string } {
  return supported.includes('13.0') ? { version: '13.0' } : { problem: 'This QuickBooks is too old for Track Nexus.' };
}
