/**
 * One EventSource for the whole kiosk. EventSource retries by itself after a dropped
 * connection (the `retry:` the station sends); if the browser gives up (it does on an HTTP
 * error while the station restarts), we open a new one. Listeners get every event by kind;
 * "open" fires after each (re)connection so screens can reload what they show.
 */
const listeners = new Map();
let source;
let retryTimer;
export const state = {
  connected: false,
  scales: new Map(),
  printers: new Map(),
  alarms: new Map(),
  /** Health of each station-driven device (scales, Modbus sensors, scanners). */
  devices: new Map(),
  /** Latest weight of each scale, and the latest of any scale. */
  weights: new Map(),
  weight: null,
  /** The scale this screen stands at, when the station has several (chosen on the screen). */
  myScale: localStorage.getItem("kiosk.scale") || null,
};

/** The weight this screen should show: its own scale's, or the only scale's. */
export function myWeight() {
  return state.myScale ? (state.weights.get(state.myScale) ?? null) : state.weight;
}

export function chooseScale(id) {
  state.myScale = id || null;
  if (id) localStorage.setItem("kiosk.scale", id);
  else localStorage.removeItem("kiosk.scale");
}

export function on(kind, fn) {
  if (!listeners.has(kind)) listeners.set(kind, new Set());
  listeners.get(kind).add(fn);
  return () => listeners.get(kind).delete(fn);
}

function emit(kind, data) {
  for (const fn of listeners.get(kind) || []) {
    try {
      fn(data);
    } catch (err) {
      console.error(err);
    }
  }
}

const KINDS = [
  "weight",
  "scale",
  "printer",
  "job",
  "package",
  "certificate",
  "alarm",
  "device",
  "scan",
  "incoming",
  "label_qr",
  "line",
];

export function connect() {
  clearTimeout(retryTimer);
  source?.close();
  source = new EventSource("/api/events");
  source.addEventListener("open", () => {
    state.connected = true;
    emit("connection", true);
    emit("open", true);
  });
  source.addEventListener("error", () => {
    state.connected = false;
    emit("connection", false);
    if (source.readyState === EventSource.CLOSED) retryTimer = setTimeout(connect, 2000);
  });
  for (const kind of KINDS) {
    source.addEventListener(kind, (event) => {
      const data = JSON.parse(event.data);
      if (kind === "weight") {
        state.weight = data;
        state.weights.set(data.deviceId, data);
      }
      if (kind === "scale") state.scales.set(data.deviceId || data.name || "scale", data);
      if (kind === "printer") state.printers.set(data.name || "printer", data);
      if (kind === "device" && data.deviceId) state.devices.set(data.deviceId, data);
      if (kind === "alarm" && data.source === "station") {
        if (data.active) state.alarms.set(data.code, data);
        else state.alarms.delete(data.code);
      }
      // 待复核 stays on every screen until a supervisor clears or voids the certificate.
      if (kind === "alarm" && data.source === "certificate") state.alarms.set(`cert:${data.number}`, data);
      if (kind === "certificate" && data.status !== "review") state.alarms.delete(`cert:${data.number}`);
      emit(kind, data);
    });
  }
}
