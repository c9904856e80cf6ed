import type { HandlerTable } from '../ipc/handlers'
import type { NoticeBoard } from './notices'

export function createNoticeHandlers(
  board: NoticeBoard,
): Pick<HandlerTable, 'listNotices' | 'dismissNotice'> {
  return {
    listNotices: () => board.list(),
    dismissNotice: ({ id }) => ({ dismissed: board.dismiss(id) }),
  }
}
