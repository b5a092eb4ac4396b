// Capture settings are kept by main, next to the journal, because main applies the privacy rules
// before anything is stored and starts capturing before any window exists. A damaged file never
// stops the app: it is set aside and capture falls back to the defaults (which are "off").
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureSettings, defaultCaptureSettings } from '../../shared/capture/types';

export function captureSettingsFile(dataDir: string, warn: (message: string) => void = console.warn) {
  const path = join(dataDir, 'capture-settings.json');
  return {
    load(): CaptureSettings {
      if (!existsSync(path)) return defaultCaptureSettings();
      try {
        const parsed = CaptureSettings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        if (parsed.success) return parsed.data;
        warn(`Capture settings were invalid (${parsed.error.issues[0]?.message}); using defaults.`);
      } catch (error) {
        warn(`Capture settings could not be read (${String(error)}); using defaults.`);
      }
      renameSync(path, `${path}.invalid-${Date.now()}`);
      return defaultCaptureSettings();
    },
    save(settings: CaptureSettings): void {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const temp = `${path}.tmp`;
      writeFileSync(temp, JSON.stringify(settings, null, 2), { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}
