import { ApiError, admin, get, report, write } from "../api.js";
import { blocksBox } from "../blocks.js";
import { certStateCell, clearReview } from "../cert-state.js";
import { fmtDate, fmtKg, h, mount, onSubmit, parseDate } from "../dom.js";
import { gateBanner } from "../gate-banner.js";
import { t } from "../i18n.js";
import { on } from "../live.js";
import { modal, toast } from "../modal.js";
import { personalSignIn } from "../sign-in.js";

const BASES = [
  ["quality_control", "basisQc"],
  ["own_test", "basisOwn"],
  ["commissioned_test", "basisLab"],
];

/**
 * 承诺达标合格证: choose a batch, tick the basis, check the gate, see the label before it
 * prints. A block lists its reasons; a supervisor may override with the admin token.
 */
export function certView(el) {
  let batches = [];
  let lot = new URLSearchParams(location.hash.split("?")[1] || "").get("lot");
  let detail;
  let siteNames = new Map();
  const basis = new Set(["quality_control"]);
  const left = h("section.card.stack");
  const gateEl = h("div");
  const refreshGate = gateBanner(gateEl, lot);
  const right = h("section.card.stack");
  mount(el, h("div.cert", left, right));

  async function load() {
    try {
      ({ batches } = await get("/api/batches?limit=30"));
      siteNames = new Map((await get("/api/sites")).sites.map((x) => [x.id, x.name]));
      if (!lot && batches[0]) lot = batches[0].lot;
      detail = lot ? await get(`/api/batches/${encodeURIComponent(lot)}`) : undefined;
    } catch (err) {
      report(err);
    }
    renderLeft();
    renderRight();
    refreshGate(lot);
  }

  function renderLeft() {
    const select = h(
      "select",
      {
        "data-testid": "cert-batch",
        onchange: () => {
          lot = select.value;
          load();
        },
      },
      batches.map((b) =>
        h("option", { value: b.lot, selected: b.lot === lot }, `${b.productName || b.productId} · ${b.lot}`),
      ),
    );
    const checks = BASES.map(([value, key]) =>
      h(
        "label",
        h("input", {
          type: "checkbox",
          value,
          checked: basis.has(value),
          "data-testid": `basis-${value}`,
          onchange: (e) => {
            if (e.target.checked) basis.add(value);
            else basis.delete(value);
            renderRight();
          },
        }),
        t(key),
      ),
    );
    const b = detail?.batch;
    mount(
      left,
      h("h2", t("certTitle")),
      h("label", t("batch"), select),
      gateEl,
      b
        ? h(
            "div.small",
            `${detail.totals.count} ${t("packages")} · ${fmtKg(detail.totals.netKg)} kg · `,
            b.status === "open" ? `${t("harvest")}: —` : `${t("harvest")}: ${fmtDate(b.harvestAt)}`,
          )
        : null,
      b?.status === "open"
        ? h("button", { type: "button", "data-testid": "close-batch", onclick: closeBatch }, t("closeBatch"))
        : null,
      h("div", h("div.small", t("basis")), h("div.checks", checks)),
      h(
        "div.row.nowrap",
        h(
          "button",
          { type: "button", "data-testid": "cert-check", onclick: check, disabled: !b },
          t("check"),
        ),
        h(
          "button",
          { type: "button", "data-testid": "cert-preview", onclick: preview, disabled: !b },
          t("preview"),
        ),
        h(
          "button.primary.grow",
          {
            type: "button",
            "data-testid": "cert-issue",
            onclick: () => issue(),
            disabled: !b || b.status === "open",
          },
          t("issuePrint"),
        ),
      ),
    );
  }

  function renderRight(extra) {
    if (extra) requestAnimationFrame(() => right.scrollIntoView({ block: "nearest" }));
    const certs = detail?.certificates || [];
    mount(
      right,
      extra || null,
      certs.length
        ? h(
            "table.grid",
            h("tr", h("th", t("code")), h("th", t("state")), h("th", "")),
            certs.map((c) =>
              h(
                "tr",
                h("td", h("code", c.number), h("div.small", fmtDate(c.issuedAt))),
                h("td", certStateCell(c)),
                h(
                  "td",
                  c.status !== "void"
                    ? [
                        c.status === "review"
                          ? h(
                              "button",
                              { type: "button", onclick: () => clearReview(c, load) },
                              t("clearReview"),
                            )
                          : h("button", { type: "button", onclick: () => reprint(c) }, t("reprint")),
                        " ",
                        h("button", { type: "button", onclick: () => voidCert(c) }, t("void")),
                      ]
                    : c.voidReason,
                ),
              ),
            ),
          )
        : null,
    );
  }

  async function closeBatch() {
    const day = await modal((close) => {
      const input = h("input", { type: "date", value: fmtDate(Date.now()), "data-testid": "harvest-date" });
      return h(
        "form.stack",
        { onsubmit: onSubmit(() => close(input.value)) },
        h("h2", t("closeBatch")),
        h("label", t("harvest"), input),
        h(
          "div.row",
          h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
          h("button.primary.grow", { type: "submit", "data-testid": "close-batch-submit" }, t("closeBatch")),
        ),
      );
    });
    if (!day) return;
    try {
      await write("POST", `/api/batches/${encodeURIComponent(lot)}/close`, {
        harvestAt: parseDate(day) + 12 * 3600_000,
      });
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function check() {
    try {
      const result = await get(
        `/api/batches/${encodeURIComponent(lot)}/compliance?basis=${[...basis].join(",")}`,
      );
      renderRight(
        result.ok
          ? h("div.passes", { "data-testid": "passes" }, t("passes"))
          : blocksView(result.blocks, result.earliestDay),
      );
    } catch (err) {
      report(err);
    }
  }

  function blocksView(blocks, earliestDay) {
    return h(
      "div.stack",
      blocksBox(blocks, earliestDay, siteNames),
      h(
        "button",
        { type: "button", "data-testid": "override", onclick: override },
        t(personalSignIn() ? "overrideSignedIn" : "override"),
      ),
    );
  }

  async function preview() {
    const src = `/api/certificates/preview.png?lot=${encodeURIComponent(lot)}&basis=${[...basis].join(",")}&t=${Date.now()}`;
    renderRight(h("div.preview", h("img", { src, alt: t("preview"), "data-testid": "cert-preview-img" })));
  }

  async function issue(overrideBy) {
    const body = { lot, basis: [...basis], print: true };
    try {
      const res = overrideBy
        ? await admin("POST", "/api/certificates", { ...body, override: overrideBy })
        : await write("POST", "/api/certificates", body);
      toast(`${t("issued")} ${res.certificate.number}`, "ok");
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.error?.code === "DOMAIN_COMPLIANCE_BLOCKED") {
        renderRight(blocksView(err.error.blocks || [], err.error.earliestDay));
      } else report(err);
    }
  }

  async function override() {
    const who = await modal((close) => {
      const name = h("input", { autofocus: true, "data-testid": "supervisor" });
      const reason = h("textarea", { rows: 3, "data-testid": "override-reason" });
      return h(
        "form.stack",
        {
          onsubmit: onSubmit(() => close({ supervisor: name.value.trim(), reason: reason.value.trim() })),
        },
        h("h2", t(personalSignIn() ? "overrideSignedIn" : "override")),
        h("label", t("supervisor"), name),
        h("label", t("reason"), reason),
        h(
          "div.row",
          h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
          h("button.danger.grow", { type: "submit" }, t("confirm")),
        ),
      );
    });
    if (who?.supervisor && who.reason) await issue(who);
  }

  async function reprint(c) {
    try {
      await write("POST", `/api/certificates/${encodeURIComponent(c.number)}/reprint`, {});
      toast(`${t("reprint")} ${c.number}`, "ok");
      await load();
    } catch (err) {
      report(err);
    }
  }

  async function voidCert(c) {
    const reason = await askReason();
    if (!reason) return;
    try {
      await admin("POST", `/api/certificates/${encodeURIComponent(c.number)}/void`, { reason });
      await load();
    } catch (err) {
      report(err);
    }
  }

  // A certificate of this batch changing (issued elsewhere, 待复核, cleared, voided) redraws it.
  const offs = [on("open", load), on("certificate", (c) => c.lot === lot && load())];
  load();
  return () => {
    for (const off of offs) off();
  };
}

export function askReason() {
  return modal((close) => {
    const reason = h("textarea", { rows: 3, autofocus: true, "data-testid": "void-reason" });
    return h(
      "form.stack",
      { onsubmit: onSubmit(() => close(reason.value.trim() || undefined)) },
      h("h2", t("voidReason")),
      reason,
      h(
        "div.row",
        h("button.ghost", { type: "button", onclick: () => close(undefined) }, t("cancel")),
        h("button.danger.grow", { type: "submit" }, t("void")),
      ),
    );
  });
}
