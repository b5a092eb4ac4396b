// The part of the `x11` package (pure JavaScript X11 protocol client, no type definitions of its
// own) that x11-connection.ts uses. Only that file imports 'x11'.
declare module 'x11' {
  export type Callback<T> = (error: Error | null, result: T) => unknown;

  export interface XEvent {
    name?: string;
    wid?: number;
    atom?: number;
  }

  export interface XProperty {
    type: number;
    format: number;
    bytesAfter: number;
    data: Buffer;
  }

  export interface ScreenSaverInfo {
    idle: number;
  }

  export interface ScreenSaverExtension {
    QueryInfo(drawable: number, callback: Callback<ScreenSaverInfo>): void;
  }

  /** The XInputExtension as the package's ext/xinput.js returns it (XI2 raw events only). */
  export interface XInputExtension {
    /** The XI2 version the server agreed to, null before XI2. */
    xi2: { majorVersion: number; minorVersion: number } | null;
    AllMasterDevices: number;
    XISelectEvents(window: number, masks: { deviceId: number; mask: number | string[] }): void;
  }

  export interface XClient {
    InternAtom(onlyIfExists: boolean, name: string, callback: Callback<number>): void;
    GetProperty(del: number, wid: number, name: number, type: number, longOffset: number, longLength: number, callback: Callback<XProperty>): void;
    ChangeWindowAttributes(wid: number, values: { eventMask: number }, callback?: Callback<unknown>): void;
    require(name: 'screen-saver', callback: Callback<ScreenSaverExtension>): void;
    require(name: 'xinput', callback: Callback<XInputExtension>): void;
    on(event: 'event', listener: (event: XEvent) => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    on(event: 'end', listener: () => void): void;
    terminate(): void;
  }

  export interface XDisplay {
    client: XClient;
    screen: Array<{ root: number }>;
  }

  const x11: {
    createClient(options: { display?: string }, callback: Callback<XDisplay>): XClient;
    eventMask: { PropertyChange: number };
  };
  export default x11;
}
