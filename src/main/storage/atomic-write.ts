import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Every file the app or the CLI writes: readable and writable by the owner only. */
export const PRIVATE_FILE_MODE = 0o600
/** Every folder the app or the CLI creates: only the owner may list or enter it. */
export const PRIVATE_DIR_MODE = 0o700

// Windows cannot open a folder to fsync it (NTFS journals the rename itself), and its file modes
// are only a read-only flag; everything else here applies there too.
const CAN_SYNC_DIR = process.platform !== 'win32'

function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
}

/**
 * Writes a file so that a crash or power cut leaves either the old or the new content, never a
 * mix or nothing: write a temporary file in the same folder, fsync it, rename it over the target,
 * then fsync the folder so the rename itself is durable. The file is 0600 from its creation (no
 * moment where it is readable by others); a missing folder is created 0700.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const temp = tempNameFor(path)
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE)
  try {
    // The creation mode passes through the umask; set it exactly.
    await handle.chmod(PRIVATE_FILE_MODE)
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    await rename(temp, path)
  } catch (err) {
    await handle.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw err
  }
  if (CAN_SYNC_DIR) {
    const folder = await open(dir, 'r')
    try {
      await folder.sync()
    } finally {
      await folder.close()
    }
  }
}

/** `writeFileAtomic` for callers that must finish before they return (start-up, window close). */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const dir = dirname(path)
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const temp = tempNameFor(path)
  const fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE)
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE)
    fs.writeFileSync(fd, data)
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fs.renameSync(temp, path)
  } catch (err) {
    try {
      fs.closeSync(fd)
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true })
    throw err
  }
  if (CAN_SYNC_DIR) {
    const folder = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(folder)
    } finally {
      fs.closeSync(folder)
    }
  }
}

/**
 * Creates a folder the app owns (with its parents) and makes it owner-only, also when an earlier
 * version left it open to others. Only for folders that are the app's own (`receipts`,
 * `secrets`, ...), never for a folder a person chose.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  await chmod(dir, PRIVATE_DIR_MODE)
}
