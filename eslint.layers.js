// The layers of the app (DESIGN.md §2), as import rules: which folder may import what. Each zone
// below is a set of files that matches no other zone, because ESLint replaces (does not merge) a
// rule's options when two config blocks match one file. test/main/lint/layers.test.ts writes a
// probe file per rule and checks that it fires, so a rule that stops working fails the tests.
//
// Patterns are matched against the import specifier as written; `(\.{1,2}/)+` covers every
// relative way of climbing to a folder, `@shared/...` and `@renderer/...` are the aliases.

const RULE = '@typescript-eslint/no-restricted-imports'

const messages = {
  electronInServices:
    'Only src/main/app, src/main/index.ts and src/preload may import electron; services run in plain Node.',
  electronAdapters:
    'src/main/app holds the Electron adapters; a service or the CLI gets what it needs as a port from the composition root (src/main/index.ts, services.ts).',
  cliAdapters: 'The CLI runs without Electron: it may not import src/main/app.',
  paymentsFace:
    'Outside src/main/payments, the payments folder is used through its one public face: import from src/main/payments (index.ts), not the files behind it.',
  handpointLowest:
    'handpoint is the lowest layer of main (HTTP and the Handpoint API): it may not import the services built on it.',
  servicesNoUi: 'Main and the CLI do not know the UI (renderer, vue, pinia).',
  rendererNoNode: 'The renderer has no Node; ask main over the contract.',
  rendererNoMain: 'Use window.api through src/renderer/src/api.',
  rendererNoZod:
    'zod stays out of the renderer: main validates at the boundary. Import types from @shared/contract and values from @shared/contract/*.values.',
  rendererNoContractValues:
    'Import types from @shared/contract and runtime values from @shared/contract/*.values (the *.contract modules carry zod).',
  rendererNoHttp: 'The renderer never talks HTTP to Handpoint.',
  componentsThroughStores:
    'Components and views go through a store (component -> store -> api client), never to src/renderer/src/api directly.',
  sharedNoNode:
    'shared runs in every process (renderer, preload, main, CLI): no Node built-ins; put Node code in src/main.',
  sharedNoProcess: 'shared is runtime-neutral: it imports no process (main, renderer, preload).',
  sharedNoFramework: 'shared is runtime-neutral: no electron, vue or pinia.',
  preloadChannelsOnly:
    'The sandboxed preload needs only electron and the channel table (@shared/contract/channels): no zod, no contract index, no other module.',
  testRendererNoMain:
    'Renderer tests run the renderer alone, against a fake window.api: no main, preload or CLI code, no electron.',
  testMainNoUi:
    'Main tests do not load the UI (vue, pinia, stores, components); renderer tests do. Only the pure helpers of src/renderer/src/lib may be checked against main.',
  testE2eNoElectron:
    'The e2e suite drives the built renderer in Chromium over the real services: no electron, no renderer sources (only the message tables, src/renderer/src/i18n/en and de, which the German sweep compares the screens with).',
}

const pattern = (regex, message, extra = {}) => ({ regex, message, ...extra })

const ban = {
  electron: { name: 'electron', message: messages.electronInServices },
  axios: { name: 'axios', message: messages.rendererNoHttp },
  nodeInRenderer: pattern('^node:', messages.rendererNoNode),
  nodeInShared: pattern('^node:', messages.sharedNoNode),
  // src/main/app, reached as ./app (services.ts), ../app (a domain) or ../main/app (cli, deeper).
  mainApp: pattern('^(\\.{1,2}/)+(main/)?app(/|$)', messages.electronAdapters),
  mainAppFromCli: pattern('^(\\.{1,2}/)+main/app(/|$)', messages.cliAdapters),
  paymentsInsides: pattern('^(\\.{1,2}/)+main/payments/', messages.paymentsFace),
  aboveHandpoint: pattern(
    '^(\\.{1,2}/)+(main/)?(payments|merchants|receipts|simulator|till|day|terminals|ipc|services)(/|$)',
    messages.handpointLowest,
  ),
  ui: pattern(
    '^(vue|pinia|vue-i18n)(/|$)|^@renderer(/|$)|(^|/)renderer(/|$)',
    messages.servicesNoUi,
  ),
  mainOrPreloadFromRenderer: pattern('(^|/)(main|preload)(/|$)', messages.rendererNoMain),
  zod: pattern('^zod(/|$)', messages.rendererNoZod),
  contractModules: pattern('(^|/)contract/[\\w-]+\\.contract$', messages.rendererNoContractValues),
  apiFromComponents: pattern('(^|/)api(/|$)', messages.componentsThroughStores),
}

/** One zone: files, and the imports they may not make. */
function zone(files, { paths = [], patterns = [], ignores } = {}) {
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: { [RULE]: ['error', { paths, patterns }] },
  }
}

const rendererBase = {
  paths: [
    { ...ban.electron, message: messages.rendererNoNode },
    ban.axios,
    // Types from the index are erased at build; its values would pull zod into the bundle.
    {
      name: '@shared/contract',
      allowTypeImports: true,
      message: messages.rendererNoContractValues,
    },
  ],
  patterns: [ban.nodeInRenderer, ban.mainOrPreloadFromRenderer, ban.zod, ban.contractModules],
}
const RENDERER_UI = [
  'src/renderer/src/components/**/*.{ts,vue}',
  'src/renderer/src/views/**/*.{ts,vue}',
  'src/renderer/src/App.vue',
]
const MAIN_APP = ['src/main/app/**/*.ts', 'src/main/index.ts']

export const layers = [
  // --- shared: every process imports it, so it imports none of them ---
  zone(['src/shared/**/*.ts'], {
    paths: ['electron', 'vue', 'pinia'].map((name) => ({
      name,
      message: messages.sharedNoFramework,
    })),
    patterns: [
      ban.nodeInShared,
      pattern('(^|/)(main|renderer|preload)(/|$)', messages.sharedNoProcess),
    ],
  }),

  // --- preload: electron and the channel table, nothing else of ours ---
  zone(['src/preload/**/*.ts'], {
    patterns: [
      pattern('^node:', messages.preloadChannelsOnly),
      pattern('^zod(/|$)', messages.preloadChannelsOnly),
      pattern('^@shared/(?!contract/channels$)', messages.preloadChannelsOnly),
      pattern('(^|/)shared/(?!contract/channels$)', messages.preloadChannelsOnly),
      pattern('(^|/)(main|renderer)(/|$)', messages.preloadChannelsOnly),
    ],
  }),

  // --- renderer: components and views -> stores -> api clients -> window.api ---
  zone(RENDERER_UI, {
    paths: rendererBase.paths,
    patterns: [...rendererBase.patterns, ban.apiFromComponents],
  }),
  zone(['src/renderer/**/*.{ts,vue}'], { ...rendererBase, ignores: RENDERER_UI }),

  // --- main: Electron adapters on top, services below, handpoint at the bottom ---
  zone(MAIN_APP, { patterns: [ban.ui] }),
  zone(['src/main/handpoint/**/*.ts'], {
    paths: [ban.electron],
    patterns: [ban.mainApp, ban.aboveHandpoint, ban.ui],
  }),
  zone(['src/main/**/*.ts'], {
    ignores: [...MAIN_APP, 'src/main/handpoint/**'],
    paths: [ban.electron],
    patterns: [ban.mainApp, ban.ui],
  }),
  zone(['src/cli/**/*.ts'], {
    paths: [ban.electron],
    patterns: [ban.mainAppFromCli, ban.paymentsInsides, ban.ui],
  }),

  // --- tests keep the same process boundaries as the code they test ---
  zone(['test/renderer/**/*.ts'], {
    paths: [{ name: 'electron', message: messages.testRendererNoMain }],
    patterns: [pattern('(^|/)src/(main|preload|cli)(/|$)', messages.testRendererNoMain)],
  }),
  zone(['test/main/**/*.ts', 'test/mocks/**/*.ts', 'test/support/**/*.ts'], {
    patterns: [
      pattern(
        '^(vue|pinia)(/|$)|^@renderer/(?!lib/)|(^|/)src/renderer/(?!src/lib/)',
        messages.testMainNoUi,
      ),
    ],
  }),
  zone(['test/e2e/**/*.ts'], {
    paths: [{ name: 'electron', message: messages.testE2eNoElectron }],
    patterns: [
      pattern(
        '^(vue|pinia)(/|$)|^@renderer(/|$)|(^|/)src/renderer(/(?!src/i18n/(en|de)(\\.ts)?$)|$)',
        messages.testE2eNoElectron,
      ),
    ],
  }),
]

export { messages as layerMessages }
