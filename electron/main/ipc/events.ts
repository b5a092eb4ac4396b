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
    const checked = eventContract[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }
}

export type Emit = EventBus['emit'];
