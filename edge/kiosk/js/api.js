import { askPin, askToken, toast } from "./modal.js";
import { currentSession, forgetSession, noteActivity, personalSignIn, signIn } from "./sign-in.js";

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

/** The one PIN pad open on this screen, shared by every write that needs the PIN meanwhile. */
let pinPrompt;

/** Ask the person for the PIN: at most one pad at a time, however many writes wait for it. */
function typedPin(message) {
  pinPrompt ??= askPin(message).finally(() => {
    pinPrompt = undefined;
  });
  return pinPrompt;
}

/**
 * A write as the worker. The PIN is kept on the screen once it worked (a kiosk is a shared
 * terminal inside the packing house). A kept PIN that is refused is dropped at once and never
 * sent again: only what a person types is tried after that, so a screen with an outdated PIN
 * cannot count toward the lockout by itself. Writes are only ever started by a tap, never by
 * live data, so a screen without a PIN shows one pad when the worker acts, not one per weight.
 */
export async function write(method, path, body) {
  if (personalSignIn()) return asOperator(method, path, body);
  let message;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = localStorage.getItem(PIN_KEY);
    const pin = stored || (await typedPin(message));
    if (!pin) throw new ApiError(401, { code: "HTTP_AUTH_REQUIRED", message: "cancelled" });
    try {
      const result = await send(method, path, body, { "x-kiosk-pin": pin });
      localStorage.setItem(PIN_KEY, pin);
      return result;
    } catch (err) {
      const code = err.error?.code;
      if (code !== "HTTP_PIN_WRONG" && code !== "HTTP_AUTH_REQUIRED") throw err;
      // Only drop the PIN this call sent: a PIN typed meanwhile by the person stays.
      if (localStorage.getItem(PIN_KEY) === pin) localStorage.removeItem(PIN_KEY);
      if (code === "HTTP_PIN_WRONG") message = err.error;
      if (!stored) toast(err.error);
    }
  }
  throw new ApiError(403, { code: "HTTP_PIN_WRONG", message: "PIN" });
}

/** Reads that show device internals need the PIN too. */
export function readAsKiosk(path) {
  return write("GET", path);
}

/**
 * A write in the signed-in operator's name. A session the station ended (idle, PIN change,
 * disabled) is dropped and the keypad asks who is working now.
 */
async function asOperator(method, path, body) {
  let message;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const session = currentSession() || (await signIn(message));
    if (!session) throw new ApiError(401, { code: "HTTP_AUTH_REQUIRED", message: "cancelled" });
    if (session.error) {
      message = session.error;
      continue;
    }
    try {
      noteActivity();
      return await send(method, path, body, { "x-operator-session": session.token });
    } catch (err) {
      const code = err.error?.code;
      if (code !== "OPERATOR_SESSION_ENDED" && code !== "HTTP_AUTH_REQUIRED") throw err;
      forgetSession();
      message = err.error;
    }
  }
  throw new ApiError(401, { code: "OPERATOR_SESSION_ENDED", message: "sign-in" });
}

/**
 * Admin actions: with personal sign-in, the signed-in supervisor's session (a worker is
 * refused by the station with OPERATOR_ROLE_REFUSED); before any operator exists, the token,
 * asked every time and never stored on the kiosk.
 */
export async function admin(method, path, body) {
  if (personalSignIn()) return asOperator(method, path, body);
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
