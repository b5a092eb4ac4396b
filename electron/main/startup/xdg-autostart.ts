// Start at login on Linux, where Electron has no login items: an XDG autostart entry,
// ~/.config/autostart/track-nexus.desktop (or under $XDG_CONFIG_HOME), which desktop sessions
// (GNOME, KDE, Xfce, …) run at sign-in. Plain Node, so it is tested against a temporary HOME.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN_ARG, type LoginItemPort } from './login-item';

export interface XdgOptions {
  home: string;
  /** $XDG_CONFIG_HOME when set. */
  configHome?: string;
  /** What to run: the AppImage's path ($APPIMAGE) or the installed executable. */
  command: string;
}

function autostartFile(options: XdgOptions): string {
  return join(options.configHome || join(options.home, '.config'), 'autostart', 'track-nexus.desktop');
}

/** Quotes an Exec argument as the Desktop Entry specification asks. */
function quoteArg(arg: string): string {
  return /[\s"'\\`$]/.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
}

function desktopEntry(command: string, hidden: boolean): string {
  const exec = [quoteArg(command), ...(hidden ? [HIDDEN_ARG] : [])].join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Track Nexus', 'Comment=Time tracker', `Exec=${exec}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export function xdgAutostartPort(options: XdgOptions): LoginItemPort {
  const file = autostartFile(options);
  return {
    unavailableReason: null,
    async isEnabled() {
      if (!existsSync(file)) return false;
      const text = readFileSync(file, 'utf8');
      return !/^Hidden\s*=\s*true/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false/m.test(text);
    },
    async set({ openAtLogin, openAsHidden }) {
      if (!openAtLogin) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, desktopEntry(options.command, openAsHidden), { mode: 0o644 });
    },
  };
}
