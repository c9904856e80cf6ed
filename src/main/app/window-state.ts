import type { WindowBounds, WindowState } from './app-settings'

/** What `screen.getAllDisplays()` tells us that matters here: the usable area of each monitor. */
export interface DisplayArea {
  workArea: WindowBounds
}

/**
 * Where to reopen the window. The saved bounds are kept when they still fit on a monitor; a
 * window that hangs off the edge is pulled fully onto the monitor that shows most of it; a window
 * whose monitor is gone (a checkout moved to another desk, a second screen unplugged) opens
 * centred on the primary monitor. Size never exceeds the chosen monitor's work area.
 * Returns undefined when there is nothing usable to restore (use the default size).
 */
export function restoreBounds(
  saved: WindowBounds | undefined,
  displays: readonly DisplayArea[],
  primary: DisplayArea | undefined,
): WindowBounds | undefined {
  if (!saved || !isUsable(saved)) return undefined
  const areas = displays.map((d) => d.workArea).filter(isUsable)
  const fallback = primary && isUsable(primary.workArea) ? primary.workArea : areas[0]
  if (!fallback) return undefined

  let best: WindowBounds | undefined
  let bestOverlap = 0
  for (const area of areas) {
    const overlap = overlapArea(saved, area)
    if (overlap > bestOverlap) {
      best = area
      bestOverlap = overlap
    }
  }
  const target = best ?? fallback
  const width = Math.min(saved.width, target.width)
  const height = Math.min(saved.height, target.height)
  if (!best) {
    return {
      x: target.x + Math.floor((target.width - width) / 2),
      y: target.y + Math.floor((target.height - height) / 2),
      width,
      height,
    }
  }
  return {
    x: clamp(saved.x, target.x, target.x + target.width - width),
    y: clamp(saved.y, target.y, target.y + target.height - height),
    width,
    height,
  }
}

/** The parts of a BrowserWindow the tracker uses (tests pass the electron mock). */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'close', listener: () => void): unknown
  getNormalBounds(): WindowBounds
  isMaximized(): boolean
  isFullScreen(): boolean
  isKiosk(): boolean
}

export const SAVE_DEBOUNCE_MS = 500

/**
 * Saves the window's normal bounds (the size it returns to from maximised) after moves and
 * resizes settle, and at once on close. Full-screen and kiosk bounds are the monitor's, not the
 * window's, so they are not saved. Returns a function that stops tracking.
 */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  debounceMs = SAVE_DEBOUNCE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const saveNow = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (stopped || win.isFullScreen() || win.isKiosk()) return
    const bounds = win.getNormalBounds()
    if (isUsable(bounds)) save({ bounds: roundBounds(bounds), maximized: win.isMaximized() })
  }
  const saveLater = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(saveNow, debounceMs)
  }
  win.on('move', saveLater)
  win.on('resize', saveLater)
  win.on('close', saveNow)
  return () => {
    if (timer) clearTimeout(timer)
    stopped = true
  }
}

function isUsable(rect: WindowBounds): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) &&
    rect.width > 0 &&
    rect.height > 0
  )
}

function overlapArea(a: WindowBounds, b: WindowBounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function roundBounds(b: WindowBounds): WindowBounds {
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.round(b.width),
    height: Math.round(b.height),
  }
}
