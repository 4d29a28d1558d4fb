import { askPin, askToken, toast } from "./modal.js";

const PIN_KEY = "kiosk.pin";

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.error = error || { code: "HTTP_INTERNAL", message: this.message };
  }
}

async function send(method, path, body, headers) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const type = res.headers.get("content-type") || "";
  const data = type.includes("json") ? await res.json() : await res.blob();
  if (!res.ok) throw new ApiError(res.status, data?.error);
  return data;
}

/** Public reads. */
export function get(path) {
  return send("GET", path);
}

/**
 * A write as the worker: the PIN is asked once on this screen and kept (a kiosk is a shared
 * terminal inside the packing house); a wrong or missing PIN asks again and retries.
 */
export async function write(method, path, body) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let pin = localStorage.getItem(PIN_KEY);
    if (!pin) {
      pin = await askPin();
      if (!pin) throw new ApiError(401, { code: "HTTP_AUTH_REQUIRED", message: "cancelled" });
    }
    try {
      const result = await send(method, path, body, { "x-kiosk-pin": pin });
      localStorage.setItem(PIN_KEY, pin);
      return result;
    } catch (err) {
      const code = err.error?.code;
      if (code === "HTTP_PIN_WRONG" || code === "HTTP_AUTH_REQUIRED") {
        localStorage.removeItem(PIN_KEY);
        if (code === "HTTP_PIN_WRONG") toast(err.error);
        continue;
      }
      throw err;
    }
  }
  throw new ApiError(403, { code: "HTTP_PIN_WRONG", message: "PIN" });
}

/** Reads that show device internals need the PIN too. */
export function readAsKiosk(path) {
  return write("GET", path);
}

/** Admin actions: the token is asked every time and never stored on the kiosk. */
export async function admin(method, path, body) {
  const token = await askToken();
  if (!token) throw new ApiError(401, { code: "HTTP_ADMIN_REQUIRED", message: "cancelled" });
  return send(method, path, body, { authorization: `Bearer ${token}` });
}

/** Show a failed call to the worker, unless they cancelled it themselves. */
export function report(err) {
  if (err instanceof ApiError && err.error?.message === "cancelled") return;
  if (err instanceof ApiError) toast(err.error);
  else toast(String(err?.message || err));
}
