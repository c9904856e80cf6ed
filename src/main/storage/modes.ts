import { chmod, lstat, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './atomic-write'

/**
 * The data folder: created owner-only when it does not exist yet. An existing folder keeps its
 * mode, because it may be one a person chose (`--data-dir`); what the app writes inside is
 * owner-only either way.
 */
export async function ensureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
}

/** What the app itself keeps in its data folder (the payments store sets its own modes). */
export const OWN_ENTRIES = ['merchants.json', 'app-settings.json', 'receipts', 'secrets'] as const

/**
 * Makes what earlier versions wrote readable by others owner-only: the app's own entries of the
 * data folder, their backups and quarantined copies (`merchants.json.v3.bak`, ...), and everything
 * under its own folders. A folder is tightened after its contents, so an owner-only folder is one
 * this version made or finished: it is not walked again, which keeps later starts to a few lstat
 * calls. Symbolic links are never followed.
 */
export async function tightenModes(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[])
  const own = names.filter((name) =>
    OWN_ENTRIES.some((entry) => name === entry || name.startsWith(`${entry}.`)),
  )
  for (const name of own) await tighten(join(dataDir, name))
}

async function tighten(path: string): Promise<void> {
  const stat = await lstat(path).catch(() => undefined)
  if (!stat || stat.isSymbolicLink()) return
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) === PRIVATE_DIR_MODE) return
    for (const name of await readdir(path).catch(() => [] as string[])) {
      await tighten(join(path, name))
    }
    await chmod(path, PRIVATE_DIR_MODE).catch(ignoreGone)
  } else if (stat.isFile() && (stat.mode & 0o777) !== PRIVATE_FILE_MODE) {
    await chmod(path, PRIVATE_FILE_MODE).catch(ignoreGone)
  }
}

/** A file renamed or removed while we walked (an atomic write finishing) needs nothing. */
function ignoreGone(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
}
