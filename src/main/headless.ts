/**
 * The main-process services the benchmarks drive, as one built module that needs no Electron:
 * `npm run build` writes it beside the app's entry (out/main/headless.js, sharing the app's
 * chunks), so the benchmarks run in plain Node exactly the code the app ships (bench/README.md).
 * Nothing in the app imports it, and it is not packed into the app (electron-builder.yml).
 * Loading it caps V8's young generation as the app's entry does (./heap-policy.ts), so the
 * process that drives it carries the memory the app would.
 */
import { capYoungGeneration } from './heap-policy'

capYoungGeneration()

export { createHandpointClient } from './handpoint'
export { createPaymentEngine, createStaticDirectory } from './payments'
export { startSimulator } from './simulator'
