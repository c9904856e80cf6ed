import type { AppInfo, AppNotice } from '@shared/contract'
import { bridge, unwrap } from './bridge'

export const appClient = {
  getInfo: (): Promise<AppInfo> => unwrap(bridge().getAppInfo()),
  listNotices: (): Promise<AppNotice[]> => unwrap(bridge().listNotices()),
  dismissNotice: (id: string): Promise<{ dismissed: boolean }> =>
    unwrap(bridge().dismissNotice({ id })),
  onNotice: (listener: (notice: AppNotice) => void): (() => void) => bridge().onAppNotice(listener),
}
