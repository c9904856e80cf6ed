import { rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Each layering rule proven to fire: a probe file that breaks it is written where the rule
// applies, linted with the project's own config through ESLint's Node API, and deleted again.
const ROOT = resolve(import.meta.dirname, '../../..')
const RULE = '@typescript-eslint/no-restricted-imports'

interface Probe {
  /** Folder (inside the tree) the probe is written to, and its extension. */
  dir: string
  ext?: 'ts' | 'vue'
  imports: string
  /** A part of the message the rule must give; undefined = must pass. */
  fires?: string
}

const vue = (imports: string) => `<script setup lang="ts">\n${imports}\n</script>\n`

const probes: Record<string, Probe> = {
  'a service importing an Electron adapter': {
    dir: 'src/main/payments',
    imports: "import { createMainWindow } from '../app/window'",
    fires: 'src/main/app holds the Electron adapters',
  },
  'the electron-free composition importing an Electron adapter': {
    dir: 'src/main',
    imports: "import { createElectronPrinter } from './app/printer'",
    fires: 'src/main/app holds the Electron adapters',
  },
  'a service importing electron itself': {
    dir: 'src/main/receipts',
    imports: "import { app } from 'electron'",
    fires: 'services run in plain Node',
  },
  'the CLI importing an Electron adapter': {
    dir: 'src/cli',
    imports: "import { createMainWindow } from '../main/app/window'",
    fires: 'The CLI runs without Electron',
  },
  'the CLI reaching behind the public face of the payments folder': {
    dir: 'src/cli',
    imports: "import { createPaymentEngine } from '../main/payments/engine'",
    fires: 'the payments folder is used through its one public face',
  },
  'the CLI using the public face of the payments folder': {
    dir: 'src/cli',
    imports: "import { createPaymentEngine } from '../main/payments'",
  },
  'handpoint importing the payment engine': {
    dir: 'src/main/handpoint',
    imports: "import { createPaymentEngine } from '../payments/engine'",
    fires: 'handpoint is the lowest layer of main',
  },
  'handpoint importing merchants': {
    dir: 'src/main/handpoint',
    imports: "import { MerchantService } from '../merchants/service'",
    fires: 'handpoint is the lowest layer of main',
  },
  'handpoint importing receipts': {
    dir: 'src/main/handpoint',
    imports: "import { ReceiptStore } from '../receipts/store'",
    fires: 'handpoint is the lowest layer of main',
  },
  'an Electron adapter importing a renderer store': {
    dir: 'src/main/app',
    imports: "import { usePaymentsStore } from '../../renderer/src/stores/payments'",
    fires: 'Main and the CLI do not know the UI',
  },
  'an Electron adapter importing vue': {
    dir: 'src/main/app',
    imports: "import { ref } from 'vue'",
    fires: 'Main and the CLI do not know the UI',
  },
  'an Electron adapter importing pinia': {
    dir: 'src/main/app',
    imports: "import { defineStore } from 'pinia'",
    fires: 'Main and the CLI do not know the UI',
  },
  'the renderer importing zod': {
    dir: 'src/renderer/src/stores',
    imports: "import { z } from 'zod'",
    fires: 'zod stays out of the renderer',
  },
  'the renderer importing zod/mini': {
    dir: 'src/renderer/src/stores',
    imports: "import * as z from 'zod/mini'",
    fires: 'zod stays out of the renderer',
  },
  'the renderer importing a zod contract module by its deep path': {
    dir: 'src/renderer/src/stores',
    imports: "import { startPaymentRequest } from '@shared/contract/payments.contract'",
    fires: 'the *.contract modules carry zod',
  },
  'the renderer importing values from the contract index': {
    dir: 'src/renderer/src/lib',
    imports: "import { operations } from '@shared/contract'",
    fires: 'runtime values from @shared/contract/*.values',
  },
  'the renderer importing node': {
    dir: 'src/renderer/src/lib',
    imports: "import { readFile } from 'node:fs/promises'",
    fires: 'The renderer has no Node',
  },
  'the renderer importing main': {
    dir: 'src/renderer/src/stores',
    imports: "import { createServices } from '../../../main/services'",
    fires: 'Use window.api through src/renderer/src/api',
  },
  'a component calling an api client': {
    dir: 'src/renderer/src/components/merchants',
    ext: 'vue',
    imports: "import { merchantsClient } from '../../api/merchants-client'",
    fires: 'Components and views go through a store',
  },
  'a view calling an api client': {
    dir: 'src/renderer/src/views',
    imports: "import { paymentsClient } from '../api/payments-client'",
    fires: 'Components and views go through a store',
  },
  'the preload importing the contract index': {
    dir: 'src/preload',
    imports: "import { operations } from '@shared/contract'",
    fires: 'The sandboxed preload needs only electron and the channel table',
  },
  'the preload importing a contract module': {
    dir: 'src/preload',
    imports: "import { startPaymentRequest } from '../../src/shared/contract/payments.contract'",
    fires: 'The sandboxed preload needs only electron and the channel table',
  },
  'the preload importing zod': {
    dir: 'src/preload',
    imports: "import { z } from 'zod'",
    fires: 'The sandboxed preload needs only electron and the channel table',
  },
  'shared importing node': {
    dir: 'src/shared/money',
    imports: "import { readFile } from 'node:fs/promises'",
    fires: 'shared runs in every process',
  },
  'shared importing main': {
    dir: 'src/shared',
    imports: "import { createServices } from '../main/services'",
    fires: 'shared is runtime-neutral: it imports no process',
  },
  'a renderer test importing main': {
    dir: 'test/renderer',
    imports: "import { createServices } from '../../src/main/services'",
    fires: 'Renderer tests run the renderer alone',
  },
  'a main test importing a renderer store': {
    dir: 'test/main/payments',
    imports: "import { usePaymentsStore } from '@renderer/stores/payments'",
    fires: 'Main tests do not load the UI',
  },
  'a main test importing a renderer component': {
    dir: 'test/main/receipts',
    imports:
      "import ReceiptPanel from '../../../src/renderer/src/components/receipts/ReceiptPanel.vue'",
    fires: 'Main tests do not load the UI',
  },
  'an e2e spec importing electron': {
    dir: 'test/e2e',
    imports: "import { app } from 'electron'",
    fires: 'The e2e suite drives the built renderer',
  },
  'an e2e spec importing a renderer store': {
    dir: 'test/e2e',
    imports: "import { usePaymentsStore } from '../../src/renderer/src/stores/payments'",
    fires: 'The e2e suite drives the built renderer',
  },
  'an e2e spec importing the i18n setup (vue-i18n) instead of a message table': {
    dir: 'test/e2e',
    imports: "import { createAppI18n } from '../../src/renderer/src/i18n'",
    fires: 'The e2e suite drives the built renderer',
  },
  // What the layers allow must stay allowed.
  'an e2e spec comparing the screens with the message tables': {
    dir: 'test/e2e/support',
    imports:
      "import de from '../../../src/renderer/src/i18n/de'\nimport en from '../../../src/renderer/src/i18n/en'",
  },
  'a service using the storage layer and the notices port': {
    dir: 'src/main/receipts',
    imports:
      "import { writeFileAtomic } from '../storage/atomic-write'\nimport type { Notices } from '../notices/notices'",
  },
  'handpoint using shared money': {
    dir: 'src/main/handpoint',
    imports: "import { toMinorUnits } from '@shared/money'",
  },
  'the composition root using Electron adapters': {
    dir: 'src/main/app',
    imports:
      "import { app } from 'electron'\nimport { writeFileAtomicSync } from '../storage/atomic-write'",
  },
  'the preload importing the channel table': {
    dir: 'src/preload',
    imports: "import { operationChannels } from '@shared/contract/channels'",
  },
  'a store using its api client, contract types and values': {
    dir: 'src/renderer/src/stores',
    imports:
      "import type { PaymentRecord } from '@shared/contract'\nimport { FINAL_STATES } from '@shared/contract/payments.values'\nimport { appClient } from '../api/app-client'",
  },
  'a main test checking a pure renderer helper against main': {
    dir: 'test/main/operations',
    imports: "import { needsOf } from '../../../src/renderer/src/lib/operations'",
  },
  'a component wording an error with the lib helper': {
    dir: 'src/renderer/src/components/merchants',
    ext: 'vue',
    imports: "import { toMessage } from '../../lib/errors'",
  },
  'a component using a store': {
    dir: 'src/renderer/src/components/layout',
    ext: 'vue',
    imports: "import { useNoticesStore } from '../../stores/notices'",
  },
}

const written = new Map<string, string>()
const results = new Map<string, string[]>()

beforeAll(async () => {
  let n = 0
  for (const [name, probe] of Object.entries(probes)) {
    const ext = probe.ext ?? 'ts'
    const file = join(ROOT, probe.dir, `__lint-probe-${process.pid}-${n++}.${ext}`)
    const body = `${probe.imports}\nexport {}\n`
    written.set(name, file)
    await writeFile(file, ext === 'vue' ? vue(probe.imports) : body)
  }
  try {
    const eslint = new ESLint({ cwd: ROOT })
    for (const result of await eslint.lintFiles([...written.values()])) {
      const name = [...written].find(([, file]) => file === result.filePath)?.[0]
      if (name) {
        results.set(
          name,
          result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message),
        )
      }
    }
  } finally {
    await Promise.all([...written.values()].map((file) => rm(file, { force: true })))
  }
}, 120_000)

afterAll(async () => {
  await Promise.all([...written.values()].map((file) => rm(file, { force: true })))
})

describe('layering lint rules', () => {
  const cases = Object.entries(probes)
  it.each(cases.filter(([, p]) => p.fires))('fires for %s', (name, probe) => {
    expect(results.get(name)).toEqual([expect.stringContaining(probe.fires!)])
  })
  it.each(cases.filter(([, p]) => !p.fires))('stays quiet for %s', (name) => {
    expect(results.get(name)).toEqual([])
  })

  it('gives shared its own message, not the renderer one', () => {
    expect(results.get('shared importing node')?.[0]).not.toContain('The renderer has no Node')
  })
})
