// The only place main→renderer events are sent. Each transport (the Electron window, the
// harness's event stream) registers a sink; payloads are validated against the contract first so
// a bug in main shows up here, not as a confusing state in the UI.
import { eventContract, type EventChannel, type EventPayload } from '../../../shared/ipc/contract';

export type EventSink = (event: EventChannel, payload: unknown) => void;

export class EventBus {
  private readonly sinks = new Set<EventSink>();

  addSink(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    this.publish(event, payload);
  }

  /** For services typed against their own event map (capture): the name and payload are checked here. */
  publish(event: string, payload: unknown): void {
    if (!Object.hasOwn(eventContract, event)) throw new Error(`${event} is not an event of the IPC contract.`);
    const name = event as EventChannel;
    const checked: unknown = eventContract[name].parse(payload);
    for (const sink of this.sinks) sink(name, checked);
  }
}

export type Emit = EventBus['emit'];
