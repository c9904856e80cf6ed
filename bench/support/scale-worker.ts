/**
 * B3's engine process (bundled to out/bench/scale-worker.mjs and run in plain Node, so its
 * memory is the built code's, not tsx's): runs ./scale-load.ts on the parent's word and sends
 * back the figures.
 */
import { runScale, type ScaleOptions } from './scale-load'

process.once('message', (options: ScaleOptions) => {
  runScale(options).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (err: unknown) =>
      process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }, () =>
        process.exit(1),
      ),
  )
})
