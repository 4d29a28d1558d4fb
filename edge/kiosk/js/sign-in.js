import { h } from "./dom.js";
import { pick } from "./i18n.js";
import { askPin, toast } from "./modal.js";

/**
 * Personal sign-in (once the station has operators): the worker types their operator number
 * and PIN; the station answers with a session token kept on this screen and sent as
 * X-Operator-Session. The station ends the session after the idle time, on a PIN change and
 * when the operator is disabled; this screen also signs out by itself after the idle time so
 * the next person at the kiosk never works in someone else's name.
 */
const SESSION_KEY = "kiosk.session";
const mode = { personal: false, idleMs: 300_000 };
let lastActivity = Date.now();
let badge;

const TEXT = {
  number: { zh: "请输入操作员编号", en: "Enter your operator number" },
  pin: { zh: "请输入个人 PIN", en: "Enter your PIN" },
  signIn: { zh: "登录", en: "Sign in" },
  signOut: { zh: "退出", en: "Sign out" },
  idle: { zh: "长时间未操作，已自动退出登录", en: "Signed out after a while without use" },
  roles: {
    worker: { zh: "工人", en: "worker" },
    supervisor: { zh: "主管", en: "supervisor" },
    technician: { zh: "技术员", en: "technician" },
  },
};

export function personalSignIn() {
  return mode.personal;
}

/** The open session on this screen: { token, name, role, number }, or undefined. */
export function currentSession() {
  try {
    const parsed = JSON.parse(localStorage.getItem(SESSION_KEY) || "null");
    return parsed && typeof parsed.token === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSession() {
  localStorage.removeItem(SESSION_KEY);
  renderBadge();
}

export function noteActivity() {
  lastActivity = Date.now();
}

/** Number, then PIN, on the keypad; resolves with the session or undefined when cancelled. */
export async function signIn(error) {
  const number = await askPin(error, pick(TEXT.number));
  if (!number) return undefined;
  const pin = await askPin(undefined, pick(TEXT.pin));
  if (!pin) return undefined;
  const res = await fetch("/api/operators/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operator: number, pin }),
  });
  const data = await res.json();
  if (!res.ok) {
    toast(data.error);
    return { error: data.error };
  }
  const session = { token: data.token, name: data.operator.name, role: data.operator.role, number };
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  noteActivity();
  renderBadge();
  return session;
}

export async function signOut() {
  const session = currentSession();
  forgetSession();
  if (session) {
    await fetch("/api/operators/sign-out", {
      method: "POST",
      headers: { "x-operator-session": session.token },
    }).catch(() => {});
  }
}

function renderBadge() {
  if (!badge) return;
  const session = currentSession();
  badge.replaceChildren(
    ...(session
      ? [
          h(
            "span",
            { "data-testid": "operator-name" },
            `${session.name} · ${pick(TEXT.roles[session.role])}`,
          ),
          h(
            "button.ghost",
            { type: "button", "data-testid": "sign-out", onclick: () => signOut() },
            pick(TEXT.signOut),
          ),
        ]
      : [
          h(
            "button.ghost",
            { type: "button", "data-testid": "sign-in", onclick: () => signIn() },
            pick(TEXT.signIn),
          ),
        ]),
  );
}

/** From /api/kiosk at boot: whether operators exist, and the idle time. */
export function configureSignIn(kiosk) {
  mode.personal = kiosk.personalSignIn === true;
  mode.idleMs = (kiosk.idleSignOutS || 300) * 1000;
  if (!mode.personal) return;
  badge = h("div.operator", { "data-testid": "operator" });
  document.getElementById("lang")?.before(badge);
  renderBadge();
  for (const event of ["pointerdown", "keydown"]) document.addEventListener(event, noteActivity, true);
  setInterval(() => {
    if (currentSession() && Date.now() - lastActivity > mode.idleMs) {
      signOut();
      toast(pick(TEXT.idle), "info");
    }
  }, 1000);
}

/** Re-render the badge after a language switch. */
export function renderSignIn() {
  renderBadge();
}
