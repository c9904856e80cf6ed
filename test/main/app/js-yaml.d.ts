// js-yaml (a dependency of electron-builder) ships no types; the config test only needs `load`.
declare module 'js-yaml' {
  export function load(source: string): unknown
}
