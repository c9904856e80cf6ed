/** Batch close records: the shape is shared with the renderer (see day.values.ts). */
export type { BatchCloseRecord, BatchCloseState } from '@shared/contract/day.values'
