// Which qbXML version to speak to a QuickBooks Desktop: the lowest one that has every element
// Track Nexus sends, among the versions that QuickBooks lists in HostQuery (shared/docs/qbo-api.md
// §9.4). Each element's first version is taken from Intuit's own schemas of earlier versions.
//
// Sources: Intuit's per-version sample documents qbxmlops20.xml … qbxmlops140.xml ("Sample data for
// dtd: qbxmlopsNN0.dtd", (c) Intuit), mirrored in github.com/qbwc/qbxml schema/ — each marks an element
// added after 1.0 with "vN.N" and lists attributes per request; and tests/fixtures/qbd/qbxmlops160.xsd.
// Read with: the element's presence in each file, and its "vN.N" comment in qbxmlops140.xml.
//
// | What Track Nexus sends                                         | First qbXML | Evidence                                              |
// |----------------------------------------------------------------|-------------|-------------------------------------------------------|
// | TimeTrackingAdd: TxnDate, EntityRef, CustomerRef,              | ≤ 2.0       | all in qbxmlops20.xml (the oldest file mirrored)      |
// |   ItemServiceRef, Duration, ClassRef, Notes                    |             |                                                       |
// | TimeTrackingAdd Rate                                           | (never QBD) | qbxmlops140.xml: "opt, not in QBD|QBCA|QBUK|QBAU" —   |
// |                                                                |             | Online Edition only, so Desktop requests leave it out |
// | TimeTrackingAdd BillableStatus (IsBillable before)             | 6.0         | "v6.0"; qbxmlops20–50.xml have IsBillable instead     |
// | TimeTrackingAdd ExternalGUID                                   | 9.0         | "opt, not in QBOE, v9.0"; absent from qbxmlops80.xml  |
// | TimeTrackingModRq                                              | 6.0         | "not in QBOE, v6.0"; absent from qbxmlops50.xml       |
// | TxnDelRq with TxnDelType TimeTracking                          | 1.1 / ≤ 2.0 | TxnDelRq "v1.1"; TimeTracking listed in qbxmlops20.xml|
// | TimeTrackingQueryRq ModifiedDateRangeFilter, MaxReturned,      | ≤ 2.0       | qbxmlops20.xml                                        |
// |   TimeTrackingEntityFilter                                     |             |                                                       |
// | iterator / iteratorID on TimeTracking, Customer, Vendor,       | 5.0         | attributes first in qbxmlops50.xml                    |
// |   ItemService queries                                          |             |                                                       |
// | Employee, OtherName, Class queries                             | ≤ 2.0       | qbxmlops20.xml; they take NO iterator in any version  |
// |                                                                |             | (qbxmlops140.xml, qbxmlops160.xsd): MaxReturned only  |
// | List filters ActiveStatus (All), FromModifiedDate, MaxReturned | ≤ 2.0       | qbxmlops20.xml ("ActiveOnly [DEFAULT], InactiveOnly, All") |
//
// So the floor is 9.0 (ExternalGUID). qbXML 9.0 came with QuickBooks 2010: CData's table (§9.4) has
// QuickBooks 2014 → 13.0, and the SDK gained one major version a year back to 8.0 for 2009 (an
// inference from that table; Intuit's release notes are not in this repository).

/** ExternalGUID on TimeTrackingAdd, the newest element Track Nexus relies on, came in qbXML 9.0. */
const FLOOR = { major: 9, minor: 0 };
const FLOOR_RELEASE = '2010';

/** "13.0" → [13, 0]; HostRet also lists country forms ("CA3.0", "UK2.0"), which are not US qbXML versions. */
function parse(v: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const atLeastFloor = ([major, minor]: [number, number]) => major > FLOOR.major || (major === FLOOR.major && minor >= FLOOR.minor);

/** The version to use, or why this QuickBooks cannot take Track Nexus' requests, in the user's words. */
export function qbxmlVersionFor(supported: readonly string[]): { version: string } | { problem: string } {
  const versions = supported.map(parse).filter((v): v is [number, number] => v !== null).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const usable = versions.find(atLeastFloor);
  if (usable) return { version: `${usable[0]}.${usable[1]}` };
  const newest = versions.at(-1);
  const which = newest ? `it speaks the QuickBooks SDK only up to version ${newest[0]}.${newest[1]}` : 'it did not say which QuickBooks SDK versions it speaks';
  return {
    problem: `This QuickBooks is too old for Track Nexus: ${which}, and Track Nexus needs ${FLOOR.major}.${FLOOR.minor} or later to send time without ever adding it twice. Update QuickBooks Desktop to ${FLOOR_RELEASE} or later (any current release will do).`,
  };
}
