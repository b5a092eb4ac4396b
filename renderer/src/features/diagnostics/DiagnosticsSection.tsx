// Settings › Help and diagnostics: "Export diagnostics" saves one file for support, built in main
// (versions, settings without secrets, companies' states, the recent log; see electron/main/log/).
import { useState } from 'react';
import { api } from '../../platform/api';
import { downloadText } from '../import/export';

export function DiagnosticsSection() {
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    const r = await api.invoke('diagnostics:exportFile');
    setBusy(false);
    if (!r.ok) return setMessage({ tone: 'error', text: r.error.message });
    downloadText(r.value.text, r.value.fileName, 'application/json');
    setMessage({ tone: 'ok', text: `Saved ${r.value.fileName}. Attach it to your message to support.` });
  }

  return (
    <>
      <p className="lead">
        If something goes wrong, export a diagnostics file and send it with your question. It holds versions, your settings
        without passwords or keys, your QuickBooks companies’ states and the app’s recent log. It never holds QuickBooks
        tokens, window titles or what your entries say.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>Export diagnostics</button>
      {message ? <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'set-field-error' : 'muted'}>{message.text}</p> : null}
    </>
  );
}
