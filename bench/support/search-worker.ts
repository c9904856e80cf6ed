/**
 * B4's search process (bundled to out/bench/search-worker.mjs, run in plain Node with
 * --expose-gc for the heap figure): runs ./search-load.ts on the parent's word.
 */
import { runSearches } from './search-load'

process.once('message', (options: Parameters<typeof runSearches>[0]) => {
  runSearches(options).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (err: unknown) =>
      process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }, () =>
        process.exit(1),
      ),
  )
})
