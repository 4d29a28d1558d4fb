import { Type } from "@sinclair/typebox";
import { nullable, oneOf, type RowOf, rowMapping } from "../core/row-mapping.js";
import { FEEDS } from "./pending-record.js";

/**
 * A row of `outbox` as the uplink reads it. The drain encodes it as is, by concatenation
 * (record-format.ts), so it stays a raw row (`RowOf`), not a mapped record.
 */
export const OUTBOX_COLUMNS = rowMapping({
  id: Type.Integer(),
  stream: Type.String(),
  record_id: Type.String(),
  kind: Type.String(),
  payload: Type.String(),
  created_at: Type.Integer(),
});
export type OutboxRow = RowOf<typeof OUTBOX_COLUMNS>;

/** A sink's cursor in one feed (`uplink_cursors`, per sink). */
export const CURSOR_COLUMNS = rowMapping({
  feed: oneOf(FEEDS),
  last_id: Type.Integer(),
});

/** A sink's last success and error (`uplink_sink_state`, per sink). */
export const SINK_STATE_COLUMNS = rowMapping({
  last_success_at: nullable(Type.Integer()),
  last_error_at: nullable(Type.Integer()),
  last_error: nullable(Type.String()),
});

/** A refused record an operator asked to send again (`uplink_failures` in state `retry`). */
export const RETRY_COLUMNS = rowMapping({
  id: Type.Integer(),
  feed: oneOf(FEEDS),
  source_id: Type.Integer(),
});
