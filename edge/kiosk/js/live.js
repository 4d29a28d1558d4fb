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
  weight: null,
};

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

const KINDS = ["weight", "scale", "printer", "job", "package", "certificate", "alarm", "device", "scan"];

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
      if (kind === "weight") state.weight = data;
      if (kind === "scale") state.scales.set(data.deviceId || data.name || "scale", data);
      if (kind === "printer") state.printers.set(data.name || "printer", data);
      if (kind === "alarm" && data.source === "station") {
        if (data.active) state.alarms.set(data.code, data);
        else state.alarms.delete(data.code);
      }
      emit(kind, data);
    });
  }
}
