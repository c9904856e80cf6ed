import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Layering (DESIGN.md §6): the renderer never reaches electron, node or main; shared stays
// runtime-neutral; electron-free service folders under src/main never import electron.
const nodeBuiltins = {
  group: ['node:*'],
  message: 'The renderer has no Node; ask main over the contract.',
}
const electronBan = {
  name: 'electron',
  message: 'Only src/main/app, src/main/index.ts and src/preload may import electron.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { type A }` keeps a side-effect import at run time (verbatimModuleSyntax).
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The contract index carries zod schemas; values come from the zod-free *.values modules.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@shared/contract',
              allowTypeImports: true,
              message:
                'Import runtime values from @shared/contract/*.values (zod stays out of the renderer).',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            { name: 'axios', message: 'The renderer never talks HTTP to Handpoint.' },
          ],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'Use window.api through src/renderer/src/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronBan,
            { name: 'vue', message: 'shared is runtime-neutral.' },
            { name: 'pinia', message: 'shared is runtime-neutral.' },
          ],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared imports no process.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/main/app/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/renderer/**', 'vue', 'pinia'], message: 'Services do not know the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            {
              group: ['zod', '**/main/**', '**/renderer/**'],
              message: 'The sandboxed preload only needs electron and the channel table.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
)
