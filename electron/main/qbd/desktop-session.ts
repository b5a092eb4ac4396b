// What a Desktop company hands QuickBooks in one Web Connector session (the service's `work` port),
// one qbXML document at a time, in this order:
//   1. the name lists (inactive ones too; through iterators where qbXML has them; after the first
//      full read only what changed since QuickBooks' own last TimeModified);
//   2. writes whose delivery is uncertain (sent in a session that ended without their answer): a
//      create is looked for by its ExternalGUID among the time of its date BEFORE it is added again,
//      and adopted if QuickBooks has it, so it is never added twice; changes and deletes are simply
//      sent again (a stale EditSequence then comes back as Online's 5010, a missing record as 610);
//   3. the queued writes, one document per batch, continueOnError so one refusal stops nothing else;
//   4. the time mirror: entries QuickBooks changed since the last TimeModified seen, and the ones a
//      stale EditSequence showed to be out of date.
// Every item is marked sent (write-ahead) before its document goes to the Web Connector.
import { listQueryRq, QBD_ITERABLE_LISTS, qbxmlDocument, timeTrackingAddRq, timeTrackingDelRq, timeTrackingModRq, timeTrackingQueryRq } from '../../../shared/qbd/qbxml';
import { parseQbxmlResponse, type QbdResponse, type QbdRet } from '../../../shared/qbd/response';
import { statusWords } from '../../../shared/qbd/status';
import { batchFaultOf, mirrorEntityOf, qbdTimeOf, timeActivityOf, type QbdListKind } from '../../../shared/qbd/translate';
import { qbxmlVersionFor } from '../../../shared/qbd/versions';
import { answered, type Journal, type JournalBatch, type JournalItem } from './desktop-journal';
import type { QbwcWork, QbwcWorkContext } from './qbwc-service';

const LIST_ORDER: readonly QbdListKind[] = ['Customer', 'Employee', 'Vendor', 'OtherName', 'ItemService', 'Class'];
/** Records per page of an iterator (qbo-api.md §9: QuickBooks answers large pages slowly; 500 keeps each document small). */
const PAGE = 500;

/** A document handed to the Web Connector and what to do with QuickBooks' answer to it. */
interface Step {
  xml: string;
  take(responses: QbdResponse[]): Promise<void>;
}

interface Session {
  ticket: string;
  version: string;
  phase: 'lists' | 'uncertain' | 'writes' | 'refresh' | 'done';
  /** Null before the lists' first document; then the lists with pages still to read, by iteratorID. */
  listIterators: Map<QbdListKind, string> | null;
  /** The newest TimeModified seen per list in this session. */
  listNewest: Map<QbdListKind, string>;
  /** The time refresh's open iterator. */
  iteratorId: string | null;
  newestSeen: string | null;
  triedBatches: Set<string>;
  /** TxnIDs QuickBooks said we hold an old EditSequence of: read again at the end. */
  stale: Set<string>;
  refreshStarted: boolean;
  done: number;
  step: Step | null;
}

const later = (a: string | null, b: string | undefined) => (b !== undefined && (a === null || Date.parse(b) > Date.parse(a)) ? b : a);
const textOf = (ret: QbdRet, name: string) => (typeof ret[name] === 'string' ? ret[name] : undefined);

// Long because it keeps one session's whole plan (four phases) around a single cursor; each phase is a short function.
export function createDesktopWork(journal: Journal, deps: { now(): number; onChange(): void }): QbwcWork {
  const { data } = journal;
  let session: Session | null = null;
  const doc = (requests: string[]) => qbxmlDocument(session!.version, requests);
  const vendorIds = () => new Set([...Object.keys(data.lists.Vendor), ...Object.keys(data.lists.OtherName)]);
  const note = (words: string) => {
    data.lastError = words;
  };

  /**
   * QuickBooks Desktop keeps no rate on time (qbdTimeOf), so the mirror keeps the rate Track Nexus
   * last sent for it: reconciliation then sees no change QuickBooks did not make.
   */
  function mirrorTime(ret: QbdRet, sent?: Record<string, unknown>) {
    const entity = timeActivityOf(ret, vendorIds());
    const rate = sent ? sent['HourlyRate'] : data.time[entity.Id]?.entity['HourlyRate'];
    if (entity.HourlyRate === undefined && typeof rate === 'number') entity.HourlyRate = rate;
    data.time[entity.Id] = { entity: entity as unknown as Record<string, unknown>, seenAt: deps.now() };
    return entity;
  }

  /** One document for every list: the first time each list's first page, then the next pages of those with more. */
  function listStep(s: Session): Step | null {
    const kinds = s.listIterators === null ? LIST_ORDER : LIST_ORDER.filter((k) => s.listIterators!.has(k));
    if (kinds.length === 0) return null;
    const query = (kind: QbdListKind) => {
      const since = s.listIterators === null ? data.listStamps[kind] : undefined;
      const continueId = s.listIterators?.get(kind);
      const page = QBD_ITERABLE_LISTS.has(kind) ? { page: { maxReturned: PAGE, iterator: continueId === undefined ? { start: true as const } : { continueId } } } : {};
      return listQueryRq(kind, kind, { ...page, ...(since === undefined ? {} : { fromModified: since }) });
    };
    return {
      xml: doc(kinds.map(query)),
      async take(responses) {
        s.listIterators = new Map();
        for (const rs of responses) takeList(s, rs);
        if (s.listIterators.size === 0) {
          for (const [kind, stamp] of s.listNewest) data.listStamps[kind] = stamp;
          data.listsReadAt = deps.now();
        }
        await journal.save();
      },
    };
  }

  function takeList(s: Session, rs: QbdResponse) {
    const kind = rs.requestId as QbdListKind;
    if (!LIST_ORDER.includes(kind)) return;
    if (rs.statusCode !== 0 && rs.statusCode !== 1) note(statusWords(rs).words);
    for (const ret of rs.statusCode === 0 ? rs.rets : []) {
      const entity = mirrorEntityOf(kind, ret);
      data.lists[kind][String(entity['Id'])] = { entity, seenAt: deps.now() };
      const newest = later(s.listNewest.get(kind) ?? null, textOf(ret, 'TimeModified'));
      if (newest !== null) s.listNewest.set(kind, newest);
    }
    if (rs.iteratorId !== undefined && (rs.iteratorRemainingCount ?? 0) > 0) s.listIterators!.set(kind, rs.iteratorId);
  }

  const uncertainItems = (s: Session) => data.batches.flatMap((b) => b.items).filter((i) => i.state === 'sent' && i.sentIn !== s.ticket);

  /** Creates QuickBooks may hold already: look for their ExternalGUIDs among the time of their dates. */
  async function uncertainStep(s: Session): Promise<Step | null> {
    const items = uncertainItems(s);
    for (const i of items.filter((i) => i.operation !== 'create')) i.state = 'queued';
    const creates = items.filter((i) => i.operation === 'create');
    if (items.length > 0) await journal.save();
    if (creates.length === 0) return null;
    const dates = [...new Set(creates.map((i) => String(i.body['TxnDate'])))];
    return {
      xml: doc(dates.map((d) => timeTrackingQueryRq(d, { txnDates: { from: d, to: d } }))),
      async take(responses) {
        const looked = new Set(responses.filter((r) => r.statusCode === 0 || r.statusCode === 1).map((r) => r.requestId));
        const byGuid = new Map(responses.flatMap((r) => r.rets).map((ret) => [textOf(ret, 'ExternalGUID'), ret]));
        for (const item of creates) {
          if (!looked.has(String(item.body['TxnDate']))) continue; // not known either way: stays uncertain
          const ret = byGuid.get(item.guid);
          if (ret === undefined) item.state = 'queued';
          else Object.assign(item, { state: 'answered', answer: answered(item.bId, { data: { ...mirrorTime(ret, item.body) } }) });
        }
        await journal.save();
      },
    };
  }

  function request(item: JournalItem): string {
    const body = item.body;
    if (item.operation === 'delete') return timeTrackingDelRq(item.bId, String(body['Id']));
    const time = qbdTimeOf(body);
    if (item.operation === 'create') return timeTrackingAddRq(item.bId, time, item.guid);
    return timeTrackingModRq(item.bId, { txnId: String(body['Id']), editSequence: String(body['SyncToken']) }, time);
  }

  /** QuickBooks' answer to one write, as the item's answer; QuickBooks busy or the record in use: sent again next time. */
  function settle(s: Session, item: JournalItem, rs: QbdResponse | undefined) {
    if (rs === undefined) return; // no answer for it: stays sent, so uncertain next session
    if (rs.statusCode === 0 && item.operation === 'delete') {
      delete data.time[String(item.body['Id'])];
      item.answer = answered(item.bId, { data: { Id: String(item.body['Id']), status: 'Deleted' } });
    } else if (rs.statusCode === 0 && rs.rets[0] !== undefined) {
      item.answer = answered(item.bId, { data: { ...mirrorTime(rs.rets[0], item.body) } });
    } else {
      const fault = batchFaultOf(item.operation === 'delete' && rs.statusCode === 1 ? { ...rs, statusCode: 3120 } : rs);
      if (fault.errors[0]?.code === 'QBD_LATER') {
        note(fault.errors[0].detail ?? rs.message);
        item.state = 'queued';
        return;
      }
      if (fault.errors[0]?.code === '5010') s.stale.add(String(item.body['Id']));
      item.answer = answered(item.bId, { fault });
    }
    item.state = 'answered';
  }

  async function writeStep(s: Session): Promise<Step | null> {
    const batch = data.batches.find((b: JournalBatch) => !s.triedBatches.has(b.requestId) && b.items.some((i) => i.state === 'queued'));
    if (batch === undefined) return null;
    s.triedBatches.add(batch.requestId);
    const items = batch.items.filter((i) => i.state === 'queued');
    for (const i of items) Object.assign(i, { state: 'sent', sentIn: s.ticket });
    await journal.save(); // write-ahead: on disk as sent before QuickBooks can see it
    return {
      xml: doc(items.map(request)),
      async take(responses) {
        const byId = new Map(responses.map((r) => [r.requestId, r]));
        for (const item of items) settle(s, item, byId.get(item.bId));
        await journal.save();
      },
    };
  }

  /** Time QuickBooks changed since the last TimeModified seen (everything the first time), and entries found stale. */
  function refreshStep(s: Session): Step | null {
    if (s.refreshStarted && s.iteratorId === null) return null;
    const first = !s.refreshStarted;
    s.refreshStarted = true;
    const since = data.timeStamp;
    const main = since === null
      ? timeTrackingQueryRq('time', { everything: true }) // the first read: all of it, in one answer
      : timeTrackingQueryRq('time', { modifiedSince: since }, { maxReturned: PAGE, iterator: s.iteratorId === null ? { start: true } : { continueId: s.iteratorId } });
    const stale = first ? [...s.stale].map((id) => timeTrackingQueryRq(`stale:${id}`, { txnIds: [id] })) : [];
    return {
      xml: doc([...stale, main]),
      async take(responses) {
        s.iteratorId = null;
        for (const rs of responses) {
          if (rs.statusCode === 0) {
            for (const ret of rs.rets) s.newestSeen = later(s.newestSeen, mirrorTime(ret).MetaData?.LastUpdatedTime);
          } else if (rs.statusCode === 3120 && rs.requestId?.startsWith('stale:')) delete data.time[rs.requestId.slice('stale:'.length)];
          else if (rs.statusCode !== 1) note(`The time in QuickBooks could not all be read: ${statusWords(rs).words}`);
          if (rs.requestId === 'time' && rs.iteratorId !== undefined && (rs.iteratorRemainingCount ?? 0) > 0) s.iteratorId = rs.iteratorId;
        }
        if (s.iteratorId === null && s.newestSeen !== null) data.timeStamp = s.newestSeen;
        await journal.save();
      },
    };
  }

  async function plan(s: Session): Promise<Step | null> {
    if (s.phase === 'lists') {
      const step = listStep(s);
      if (step !== null) return step;
      s.phase = 'uncertain';
    }
    if (s.phase === 'uncertain') {
      s.phase = 'writes';
      const step = await uncertainStep(s);
      if (step !== null) return step;
    }
    if (s.phase === 'writes') {
      const step = await writeStep(s);
      if (step !== null) return step;
      s.phase = 'refresh';
    }
    if (s.phase === 'refresh') {
      const step = refreshStep(s);
      if (step !== null) return step;
      s.phase = 'done';
    }
    return null;
  }

  async function start(ticket: string, context: QbwcWorkContext): Promise<Session> {
    const choice = qbxmlVersionFor(context.versions);
    data.companyFile = context.companyFile;
    if ('problem' in choice) {
      note(choice.problem);
      await journal.save();
      deps.onChange();
      throw new Error(choice.problem);
    }
    data.qbxmlVersion = choice.version;
    const s: Session = {
      ticket, version: choice.version, phase: 'lists', listIterators: null, listNewest: new Map(), iteratorId: null, newestSeen: null,
      triedBatches: new Set(), stale: new Set(), refreshStarted: false, done: 0, step: null,
    };
    session = s;
    s.step = await plan(s);
    return s;
  }

  /** A rough share of the session done: documents answered against those still to come. */
  function percent(s: Session): number {
    if (s.step === null) return 100;
    const batchesLeft = data.batches.filter((b) => !s.triedBatches.has(b.requestId) && b.items.some((i) => i.state === 'queued')).length;
    const left = (s.phase === 'lists' ? 2 : 0) + batchesLeft + (s.phase === 'done' ? 0 : 1);
    return Math.min(99, Math.floor((100 * s.done) / (s.done + left)));
  }

  return {
    async pending() {
      // Every update also refreshes the mirror of QuickBooks' lists and time, so there is always work.
      return true;
    },

    async next(ticket, context) {
      const s = session?.ticket === ticket ? session : await start(ticket, context);
      return s.step?.xml ?? null;
    },

    async answer(ticket, response) {
      const s = session;
      if (s === null || s.ticket !== ticket || s.step === null) throw new Error('Track Nexus was not waiting for this answer (it may have restarted); the next update picks up where this one stopped.');
      if (typeof response !== 'string') {
        s.step = null;
        s.phase = 'done';
        throw new Error(`QuickBooks could not process the update (${response.message || 'no reason given'}, code ${response.hresult}). What was sent is checked at the next update, so nothing is recorded twice.`);
      }
      await s.step.take(parseQbxmlResponse(response));
      deps.onChange();
      s.done += 1;
      s.step = await plan(s);
      return percent(s);
    },
  };
}
