import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../../..')

export interface ServeHandle {
  child: ChildProcess
  /** The base URL it printed. */
  url: string
  /** The token it printed, when it made one. */
  token?: string
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | string | null>
  stop(signal?: NodeJS.Signals): Promise<number | string | null>
}

/** Runs `npm run cli -- serve` (as the CLI test does: node + tsx) and waits for its URL. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeHandle> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'serve', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json', POS_API_KEY: '', ...env },
      },
    )
    let out = ''
    let err = ''
    let done = false
    const exited = new Promise<number | string | null>((r) =>
      child.on('close', (code, signal) => r(code ?? signal)),
    )
    const timer = setTimeout(() => fail(new Error(`serve did not start in time: ${err}`)), 30_000)
    const fail = (e: Error): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(e)
    }
    child.on('error', fail)
    void exited.then((code) => fail(new Error(`serve exited (${code}) before it started: ${err}`)))
    // Start-up ends with the stderr hint, written after the URL and token lines on stdout;
    // both pipes are read in the same turn, so one more turn sees everything.
    const check = (): void => {
      if (done || !/Ctrl-C stops it/.test(err)) return
      setImmediate(() => {
        const url = /^(http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(out)?.[1]
        if (done || !url) return
        done = true
        clearTimeout(timer)
        const token = /^Till token: (\S+)$/m.exec(out)?.[1]
        resolve({
          child,
          url,
          ...(token ? { token } : {}),
          stdout: () => out,
          stderr: () => err,
          exited,
          stop(signal = 'SIGTERM') {
            child.kill(signal)
            return exited
          },
        })
      })
    }
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
      check()
    })
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      check()
    })
  })
}
