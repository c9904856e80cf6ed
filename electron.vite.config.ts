import { basename, resolve } from 'node:path'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { build as esbuild } from 'esbuild'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/** The renderer's message modules: TypeScript, one per domain and language. */
const MESSAGE_MODULES = resolve(__dirname, 'src/renderer/src/i18n/{en,de}/*.ts')

/**
 * Turns each message module into the data it exports, at build time: the modules stay plain
 * TypeScript (typed against the English ones, built from the shared code table where they say
 * so), and what the bundle gets is one object literal, which the vue-i18n plugin then compiles
 * into message ASTs. So the app ships vue-i18n's runtime-only build, without its compiler.
 */
function messageModulesAsData(): Plugin {
  const matches = /[\\/]src[\\/]renderer[\\/]src[\\/]i18n[\\/](en|de)[\\/][^\\/]+\.ts$/
  return {
    name: 'pos:message-modules-as-data',
    enforce: 'pre',
    async transform(_code, id) {
      if (!matches.test(id)) return undefined
      const bundled = await esbuild({
        entryPoints: [id],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        alias: { '@shared': resolve(__dirname, 'src/shared') },
        logLevel: 'silent',
      })
      const source = bundled.outputFiles[0]!.text
      const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
      const data = ((await import(url)) as { default: unknown }).default
      return { code: `export default ${JSON.stringify(data)}\n`, map: null }
    },
  }
}

/**
 * The checkout's language is known only in the page (saved in localStorage), so the entry cannot
 * list its messages chunk as a static modulepreload. This adds a tiny module script before the
 * entry (src/renderer/src/boot/preload-messages.ts, given the chunks' names) that asks for the
 * saved language's chunk while the app's own chunks load, instead of after the app's code ran.
 * An external file, so the CSP stays without inline scripts.
 */
function preloadMessages(): Plugin {
  const source = resolve(__dirname, 'src/renderer/src/boot/preload-messages.ts')
  const language = /[\\/]src[\\/]renderer[\\/]src[\\/]i18n[\\/](en|de)\.ts$/
  return {
    name: 'pos:preload-messages',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const chunks: Record<string, string> = {}
      for (const file of Object.values(bundle)) {
        const match = file.type === 'chunk' ? language.exec(file.facadeModuleId ?? '') : null
        if (match) chunks[match[1]!] = `./${basename(file.fileName)}`
      }
      const html = bundle['index.html']
      if (!chunks['en'] || !chunks['de'] || html?.type !== 'asset') {
        this.error('preload-messages: the language chunks or index.html were not found')
      }
      const built = await esbuild({
        entryPoints: [source],
        bundle: true,
        write: false,
        format: 'esm',
        minify: true,
        define: { MESSAGE_CHUNKS: JSON.stringify(chunks) },
        logLevel: 'silent',
      })
      const ref = this.emitFile({
        type: 'asset',
        name: 'preload-messages.js',
        source: built.outputFiles[0]!.text,
      })
      const tag = `<script type="module" crossorigin src="./${this.getFileName(ref)}"></script>`
      html.source = String(html.source).replace(/(\s*)<script type="module"/, `$1${tag}$&`)
    },
  }
}

// Main runs as ESM (package.json "type": "module"); the preload must be CommonJS with every
// dependency bundled, because a sandboxed preload can only require('electron').
export default defineConfig({
  main: {
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The services without Electron, for the benchmarks (src/main/headless.ts); not packed.
          headless: resolve(__dirname, 'src/main/headless.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: {
        '@renderer': resolve(__dirname, 'src/renderer/src'),
        '@shared': resolve(__dirname, 'src/shared'),
      },
    },
    plugins: [
      vue(),
      messageModulesAsData(),
      VueI18nPlugin({
        include: [MESSAGE_MODULES],
        runtimeOnly: true,
        dropMessageCompiler: true,
        // Messages are text, never markup: the renderer has no v-html, so a message that shows
        // "<token>" shows exactly that.
        strictMessage: false,
      }),
      preloadMessages(),
    ],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      minify: true,
    },
  },
})
