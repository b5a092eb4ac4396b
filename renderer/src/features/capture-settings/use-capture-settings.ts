// The capture settings as main holds them (loaded once, the status kept live), and the form over
// them: the privacy rules being edited, the errors to show by field, and the actions that save
// through main (the switch, Save, pause/resume), each answered by a message.
import { useEffect, useState } from 'react';
import type { CaptureSettings, CaptureStatus } from '../../../../shared/capture/types';
import { api } from '../../platform/api';
import { fieldOfServerError, fromDraft, toDraft, type CaptureDraft } from './capture-form';

export interface CaptureState { status: CaptureStatus; settings: CaptureSettings }

export function useCaptureState() {
  const [state, setState] = useState<CaptureState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.invoke('capture:getState').then((r) => {
      if (!live) return;
      if (r.ok) setState(r.value);
      else setLoadError(r.error.message);
    });
    const off = api.on('capture:status', (status) => setState((s) => (s ? { ...s, status } : s)));
    return () => {
      live = false;
      off();
    };
  }, []);

  return { state, setState, loadError };
}

export function useCaptureForm(state: CaptureState, setState: (state: CaptureState) => void) {
  const [draft, setDraft] = useState<CaptureDraft>(() => toDraft(state.settings));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The switch moves at once; main's answer then confirms or reverts it. */
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);

  const edit = (patch: Partial<CaptureDraft>, clear?: string) => {
    setDraft({ ...draft, ...patch });
    setMessage(null);
    if (clear && serverErrors[clear]) {
      const { [clear]: _gone, ...rest } = serverErrors;
      setServerErrors(rest);
    }
  };
  const errorFor = (key: string, local: string | null = null) => serverErrors[key] ?? local;

  async function send(settings: CaptureSettings, success: string, keepDraft = false) {
    setBusy(true);
    try {
      const r = await api.invoke('capture:saveSettings', settings);
      if (r.ok) {
        setState(r.value);
        if (!keepDraft) {
          setDraft(toDraft(r.value.settings));
          setServerErrors({});
        }
        setMessage({ tone: 'ok', text: success });
      } else {
        const where = fieldOfServerError(r.error, draft);
        setServerErrors({ [where.key]: where.message });
        setMessage({ tone: 'error', text: where.key === 'form' ? r.error.message : 'Not saved: fix the field marked below.' });
      }
    } finally {
      setBusy(false);
    }
  }

  async function setEnabled(enabled: boolean) {
    setPendingEnabled(enabled);
    try {
      await send({ ...state.settings, enabled }, enabled ? 'Capture is on. What it records stays on this computer.' : 'Capture is off.', true);
    } finally {
      setPendingEnabled(null);
    }
  }

  async function save() {
    const { settings, problems } = fromDraft(draft, state.settings);
    if (Object.keys(problems).length > 0) {
      setServerErrors(problems);
      setMessage({ tone: 'error', text: 'Not saved: fix the field marked below.' });
      return;
    }
    await send(settings, 'Privacy rules saved. They apply to everything captured from now on.');
  }

  async function setPaused(paused: boolean) {
    setBusy(true);
    try {
      const r = await api.invoke('capture:setPaused', { paused, reason: paused ? 'Paused from Settings' : undefined });
      if (r.ok) setState(r.value);
      else setMessage({ tone: 'error', text: r.error.message });
    } finally {
      setBusy(false);
    }
  }

  return { draft, message, busy, pendingEnabled, edit, errorFor, setEnabled, save, setPaused };
}

export type CaptureForm = ReturnType<typeof useCaptureForm>;
