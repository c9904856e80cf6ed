import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomicSync } from '../storage/atomic-write'

/** Registers or removes "open at login"; Electron's `app` is one on Windows and macOS. */
export interface LoginItems {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void
}

export interface LinuxAutostartOptions {
  /** `$XDG_CONFIG_HOME`, usually `~/.config`. */
  configDir: string
  /** What the desktop session should start: `$APPIMAGE` for an AppImage, else the executable. */
  execPath: string
  appName: string
  fileName?: string
}

/**
 * Electron cannot set login items on Linux, but every XDG desktop (GNOME, KDE, Xfce, ...) starts
 * the `.desktop` files found in `~/.config/autostart`, so that is what this writes or removes.
 */
export function xdgAutostart(options: LinuxAutostartOptions): LoginItems & { path: string } {
  const path = join(options.configDir, 'autostart', options.fileName ?? 'pos-companion.desktop')
  return {
    path,
    setLoginItemSettings({ openAtLogin }) {
      if (!openAtLogin) {
        rmSync(path, { force: true })
        return
      }
      const entry = [
        '[Desktop Entry]',
        'Type=Application',
        `Name=${options.appName.replace(/[\r\n]/g, ' ')}`,
        `Exec=${quoteExec(options.execPath)}`,
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n')
      // Owner-only like every file the app writes; the desktop session reads it as that owner.
      writeFileAtomicSync(path, entry)
    },
  }
}

/**
 * Quotes a path for a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"):
 * inside double quotes, `"`, `` ` ``, `$` and `\` are escaped with a backslash, and the
 * key-file format then doubles every backslash. `%` is a field code and is written as `%%`.
 */
export function quoteExec(path: string): string {
  const quoted = `"${path.replace(/["`$\\]/g, (c) => `\\${c}`)}"`
  return quoted
    .replace(/\\/g, '\\\\')
    .replace(/%/g, '%%')
    .replace(/[\r\n]/g, ' ')
}

/** The login-item mechanism of this platform, or undefined where there is none. */
export function loginItemsFor(
  app: LoginItems,
  platform: NodeJS.Platform,
  linux: () => LinuxAutostartOptions,
): LoginItems | undefined {
  if (platform === 'win32' || platform === 'darwin') return app
  if (platform === 'linux') return xdgAutostart(linux())
  return undefined
}
