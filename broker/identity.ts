import type { Session } from "./revocation-watch.js";

/** Who a connected client is, as decided at login. */
export type Identity = { kind: "device"; deviceId: string; session: Session } | { kind: "anonymous" };
