// The global start/stop shortcut, as the app registered it: shown as a tip only where it exists
// (not in the browser harness, nor when another app holds the keys).
import { useEffect, useState } from 'react';
import { api } from '../../platform/api';

export function useShortcutTip(): string | null {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('app:getInfo').then((r) => {
      if (live && r.ok) setShortcut(r.value.toggleShortcut);
    });
    return () => {
      live = false;
    };
  }, []);
  return shortcut;
}
