/**
 * A row of the core `messages` table (core-migrations.ts) as read back: the intake log that
 * the CLI prints, projections replay and the uplink forwards.
 */
export interface MessageRow<Kind extends string = string> {
  id: number;
  device_id: string;
  kind: Kind;
  msg_id: string | null;
  ts: number;
  received_at: number;
  payload: string;
}

/** The columns of a MessageRow, for SELECTs that read one. */
export const MESSAGE_ROW_COLUMNS = "id, device_id, kind, msg_id, ts, received_at, payload";
