// OS notifications behind a small port, so features say what to tell and tests fake it. The real
// one is the Web Notification API, which Electron shows as a notification of the operating system;
// it asks for permission the first time and stays silent when the person (or the OS) said no.

export interface Notice {
  title: string;
  body: string;
  /** Run when the person clicks the notification (the window is brought forward first). */
  onClick?: () => void;
}

export interface Notifier {
  notify(notice: Notice): void;
}

async function allowed(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  if (Notification.permission === 'default') return (await Notification.requestPermission()) === 'granted';
  return Notification.permission === 'granted';
}

async function show(notice: Notice): Promise<void> {
  if (!(await allowed())) return;
  const shown = new Notification(notice.title, { body: notice.body });
  shown.onclick = () => {
    window.focus();
    notice.onClick?.();
    shown.close();
  };
}

export const osNotifier: Notifier = {
  notify(notice) {
    // A notification that cannot be shown is not worth an error: the in-app alert says the same.
    show(notice).catch(() => {});
  },
};
