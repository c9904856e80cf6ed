import { AppError } from '@shared/contract/result'
import type { TillLinkPatch, TillLinkView } from '@shared/contract/till.contract'
import { describe, msg } from '@shared/messages'
import type { Notices } from '../notices/notices'
import { ensureCertificate } from './certificate'
import { TillHttpServer } from './http/server'
import { linkDocument, type LinkFile } from './link-file'
import type { TillCaller, TillSession } from './session'
import { TillTokens } from './tokens'

export interface TillLinkOptions {
  dataDir: string
  version: string
  session: TillSession
  /** The merchants tokens can be made for (id and name). */
  merchants: () => { id: string; name: string }[]
  /**
   * Headless use (`cli serve`): always run, on loopback, at `port` when given (0 = any free
   * port; not saved) or at the saved port.
   */
  headless?: { port?: number }
  /** Where a damaged settings file is reported (the app's banner, the CLI's stderr). */
  notices: Notices
  logError?: (message: string) => void
  /** Told after every change of the settings, tokens or running state. */
  onChange?: (view: TillLinkView) => void
}

/** How often the tokens' "last used" times are written, at most. */
const LAST_USE_FLUSH_MS = 60_000

/**
 * The till link as a whole: its settings and tokens (one owner-only document), the LAN
 * certificate, and the HTTP server it starts, restarts and stops as the settings change.
 */
export class TillLinkService {
  private file!: LinkFile
  private tokens!: TillTokens
  private server: TillHttpServer | undefined
  private problem: TillLinkView['problem']
  private fingerprint: string | undefined
  private queue: Promise<unknown> = Promise.resolve()
  private flushTimer: ReturnType<typeof setInterval> | undefined
  private readonly doc

  private constructor(private readonly options: TillLinkOptions) {
    this.doc = linkDocument(options.dataDir, options.notices)
  }

  static async open(options: TillLinkOptions): Promise<TillLinkService> {
    const link = new TillLinkService(options)
    link.file = (await link.doc.read()).value
    link.tokens = new TillTokens(link.file.tokens)
    link.flushTimer = setInterval(() => void link.flushLastUse(), LAST_USE_FLUSH_MS)
    link.flushTimer.unref()
    await link.restart()
    return link
  }

  view(): TillLinkView {
    const names = new Map(this.options.merchants().map((m) => [m.id, m.name]))
    const view: TillLinkView = {
      enabled: this.options.headless !== undefined || this.file.enabled,
      port: this.server?.port || this.file.port,
      lan: this.file.lan,
      running: this.server !== undefined,
      tokens: this.tokens.views().map((t) => {
        const name = names.get(t.merchantId)
        return name ? { ...t, merchantName: name } : t
      }),
    }
    if (this.server) view.url = this.server.url
    if (this.fingerprint && this.file.lan) view.fingerprint = this.fingerprint
    if (this.problem) view.problem = this.problem
    return view
  }

  /** The base URL while running (`http://127.0.0.1:<port>/v1`). */
  get url(): string | undefined {
    return this.server?.url
  }

  /** Switches the link on or off, moves it to another port, or in and out of LAN mode. */
  update(patch: TillLinkPatch): Promise<TillLinkView> {
    return this.serial(async () => {
      this.file = { ...this.file, ...definedOnly(patch) }
      await this.save()
      await this.restart()
      return this.view()
    })
  }

  /** Makes a till token for a merchant; the token is in this answer and nowhere else. */
  createToken(name: string, merchantId: string): Promise<{ token: string; link: TillLinkView }> {
    return this.serial(async () => {
      if (!this.options.merchants().some((m) => m.id === merchantId)) {
        throw new AppError(msg('till_link_unknown_merchant', { merchantId }))
      }
      const { token } = this.tokens.create(name, merchantId)
      await this.save()
      return { token, link: this.view() }
    })
  }

  /** Revokes a token at once: its next request is refused, its open streams end now. */
  revokeToken(id: string): Promise<TillLinkView> {
    return this.serial(async () => {
      if (!this.tokens.revoke(id)) {
        throw new AppError(msg('till_link_unknown_token', { id }))
      }
      this.server?.dropTill(id)
      await this.save()
      return this.view()
    })
  }

  /** Number of tokens (the headless server makes one when there is none). */
  get tokenCount(): number {
    return this.tokens.size
  }

  async dispose(): Promise<void> {
    clearInterval(this.flushTimer)
    await this.serial(async () => {
      await this.stop()
      await this.save()
    })
  }

  // --- internals ---

  private async restart(): Promise<void> {
    await this.stop()
    this.problem = undefined
    const headless = this.options.headless
    if (!headless && !this.file.enabled) return this.changed()
    const lan = !headless && this.file.lan
    const port = headless?.port ?? this.file.port
    try {
      const tls = lan ? await ensureCertificate(this.options.dataDir) : undefined
      this.fingerprint = tls?.fingerprint
      const server = new TillHttpServer({
        session: this.options.session,
        authenticate: (token) => this.authenticate(token),
        version: this.options.version,
        ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
        ...(this.options.logError ? { logError: this.options.logError } : {}),
      })
      await server.listen(lan ? '0.0.0.0' : '127.0.0.1', port)
      this.server = server
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      this.problem =
        code === 'EADDRINUSE' || code === 'EACCES'
          ? msg('till_link_port_in_use', { port })
          : msg('till_link_not_started', { why: (err as Error).message })
      this.options.logError?.(`till link: ${describe(this.problem.code, this.problem.params)}`)
    }
    this.changed()
  }

  /** A token of a merchant no longer on this checkout opens nothing. */
  private authenticate(token: string): TillCaller | undefined {
    const caller = this.tokens.authenticate(token)
    if (!caller || !this.options.merchants().some((m) => m.id === caller.merchantId))
      return undefined
    return caller
  }

  private async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    await server?.close()
  }

  private async save(): Promise<void> {
    this.file = { ...this.file, tokens: this.tokens.rows() }
    await this.doc.write(this.file)
  }

  private async flushLastUse(): Promise<void> {
    const changed = this.tokens
      .rows()
      .some((row) => row.lastUsedAt !== this.file.tokens.find((t) => t.id === row.id)?.lastUsedAt)
    if (changed) await this.serial(() => this.save()).catch(() => undefined)
  }

  private changed(): void {
    this.options.onChange?.(this.view())
  }

  /** One change at a time, in order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }
}

function definedOnly(patch: TillLinkPatch): Partial<LinkFile> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
}
