// Calls and events of QuickBooks Desktop connections (the Web Connector side of a company). A
// Desktop company is listed with the Online ones (qbo:listCompanies, environment 'desktop') and its
// data travels through the same qbo:* data channels; these calls only set up and describe how the
// Web Connector reaches it. The Web Connector's password is write-only: no response carries it.
import { z } from 'zod';
import { CompanyId } from './qbo';

const none = z.undefined();

/** Ports a person may choose for the local service (above the privileged range). */
const Port = z.number().int().min(1024).max(65535);
/** The Web Connector's shortest useful schedule is 5 minutes (shared/qbd/qwc.ts); a day at most. */
const IntervalMinutes = z.number().int().min(5).max(1440);
const Password = z.string().min(8, 'must be at least 8 characters').max(200);
const Name = z.string().trim().min(1, 'must not be empty').max(100);

export const QbdConnection = z.object({
  companyId: CompanyId,
  /** What the person calls this company file ("Cool Cars"); the .QWC's AppName says it. */
  name: z.string(),
  port: z.number().int(),
  intervalMinutes: z.number().int(),
  /** The user name the Web Connector signs in with (in the .QWC). */
  userName: z.string(),
  /** The address the Web Connector calls (http://localhost:<port>/qbwc). */
  appUrl: z.string(),
  hasPassword: z.boolean(),
  /** Whether the local service listens now; `listenError` says why not ("port 8123 is in use"). */
  listening: z.boolean(),
  listenError: z.string().nullable(),
  /** When the Web Connector last called (UTC ms), and when its last update ended. */
  lastCallAt: z.number().nullable(),
  lastUpdateEndedAt: z.number().nullable(),
  /** Changes waiting for the next update (time entries to add, change or delete). */
  pending: z.number().int(),
  /** The last problem, in the bookkeeper's words; null once an update went through. */
  lastError: z.string().nullable(),
  /** The company file QuickBooks had open, and the qbXML version chosen for it. */
  companyFile: z.string().nullable(),
  qbxmlVersion: z.string().nullable(),
  /** When the name lists were last read from QuickBooks (UTC ms). */
  listsReadAt: z.number().nullable(),
});
export type QbdConnection = z.infer<typeof QbdConnection>;

export const QbdConnectionInput = z.object({
  name: Name,
  port: Port,
  intervalMinutes: IntervalMinutes,
  password: Password,
});
export type QbdConnectionInput = z.input<typeof QbdConnectionInput>;

export const qbdCalls = {
  'qbd:listConnections': { request: none, response: z.object({ connections: z.array(QbdConnection) }) },
  /** A new Desktop company: listed as a company, its service listening on `port`. */
  'qbd:createConnection': { request: QbdConnectionInput, response: QbdConnection },
  /** Changes the port, schedule or password (omitted fields stay); a new port or schedule needs a new .QWC. */
  'qbd:updateConnection': {
    request: z.object({ companyId: CompanyId, name: Name.optional(), port: Port.optional(), intervalMinutes: IntervalMinutes.optional(), password: Password.optional() }),
    response: QbdConnection,
  },
  /** The .QWC file to add to the Web Connector (OwnerID and FileID stay the same every time). */
  'qbd:getQwcFile': { request: z.object({ companyId: CompanyId }), response: z.object({ fileName: z.string(), text: z.string() }) },
} as const;

export const qbdEvents = {
  /** A Desktop connection changed: the Web Connector called, an update ended, setup changed. */
  'qbd:connectionChanged': QbdConnection,
} as const;
