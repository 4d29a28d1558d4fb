import { get } from "./api.js";
import { h, mount } from "./dom.js";
import { language } from "./i18n.js";
import { on } from "./live.js";

/**
 * 待复核 on every screen: a certificate already issued that a later record contradicts stays
 * in a red strip above whatever view is open until a supervisor clears or voids it. Loaded
 * from the station on (re)connection, kept current from live `alarm` and `certificate` events.
 */
export function reviewAlarms(el) {
  const open = new Map();
  const render = () =>
    mount(
      el,
      [...open.values()].map((c) =>
        h(
          "div.banner.bad",
          { role: "alert", "data-testid": "review-alarm" },
          h(
            "strong",
            language() === "en" ? `Certificate ${c.number} needs review` : `合格证 ${c.number} 待复核`,
          ),
          h("span", (c.review?.reasons || []).map((r) => r.split(" / ")[0]).join("；")),
        ),
      ),
    );
  const track = (c) => {
    if (c.status === "review") open.set(c.number, c);
    else open.delete(c.number);
    render();
  };
  async function load() {
    try {
      const { certificates } = await get("/api/certificates?limit=200");
      open.clear();
      for (const c of certificates) if (c.status === "review") open.set(c.number, c);
      render();
    } catch {
      // The station is restarting: the strip refills on the next connection.
    }
  }
  on("certificate", track);
  on("open", load);
  load();
}
