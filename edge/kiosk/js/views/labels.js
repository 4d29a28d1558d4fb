import { admin, get, report, write } from "../api.js";
import { fmtDate, fmtTime, h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { on } from "../live.js";
import { toast } from "../modal.js";
import { askReason } from "./cert.js";
import { jobState } from "./pack-labels.js";

/**
 * What was printed: each job with its state and reason; reprint (the label says 补打), confirm a
 * job the printer was cut off from, void a certificate with a reason (admin).
 */
export function labelsView(el) {
  const box = h("section.card", h("p.muted", t("loading")));
  mount(el, box);

  async function act(fn, done) {
    try {
      await fn();
      if (done) toast(done, "ok");
      await load();
    } catch (err) {
      report(err);
    }
  }

  function actions(job) {
    const out = [];
    if (job.state === "needs_confirmation") {
      const confirm = (outcome) => () =>
        act(() => write("POST", `/api/print-jobs/${job.id}/confirm`, { outcome }));
      out.push(
        h("button", { type: "button", onclick: confirm("printed") }, t("didPrint")),
        h("button", { type: "button", onclick: confirm("resend") }, t("resend")),
      );
    }
    if (job.state === "failed") {
      out.push(
        h(
          "button",
          { type: "button", onclick: () => act(() => write("POST", `/api/print-jobs/${job.id}/retry`, {})) },
          t("retry"),
        ),
      );
    }
    if (job.kind === "package" && job.ref) {
      out.push(
        h(
          "button",
          {
            type: "button",
            "data-testid": `reprint-${job.ref}`,
            onclick: () =>
              act(
                () => write("POST", `/api/packages/${encodeURIComponent(job.ref)}/reprint`, {}),
                t("reprint"),
              ),
          },
          t("reprint"),
        ),
      );
    }
    if (job.kind === "certificate" && job.ref) {
      out.push(
        h(
          "button",
          {
            type: "button",
            onclick: () =>
              act(
                () => write("POST", `/api/certificates/${encodeURIComponent(job.ref)}/reprint`, {}),
                t("reprint"),
              ),
          },
          t("reprint"),
        ),
      );
      out.push(
        h(
          "button",
          {
            type: "button",
            onclick: async () => {
              const reason = await askReason();
              if (reason)
                await act(
                  () => admin("POST", `/api/certificates/${encodeURIComponent(job.ref)}/void`, { reason }),
                  t("voided"),
                );
            },
          },
          t("void"),
        ),
      );
    }
    return out;
  }

  async function load() {
    try {
      const { jobs } = await get("/api/print-jobs?limit=40");
      mount(
        box,
        h("h2", t("navLabels")),
        jobs.length === 0
          ? h("p.muted", t("noLabels"))
          : h(
              "table.grid",
              { "data-testid": "jobs" },
              h("tr", h("th", t("code")), h("th", t("state")), h("th", t("time")), h("th", "")),
              jobs.map((job) =>
                h(
                  "tr",
                  h(
                    "td",
                    h("code", job.ref || job.id),
                    job.reprint ? h("span.state.held", ` ${t("reprint")}`) : null,
                    h("div.small", t(`kind_${job.kind}`)),
                  ),
                  h(
                    "td",
                    jobState(job),
                    job.reason && job.state !== "done" ? h("div.small", job.reason) : null,
                  ),
                  h("td", fmtDate(job.createdAt), " ", fmtTime(job.createdAt)),
                  h("td", h("div.row", actions(job))),
                ),
              ),
            ),
      );
    } catch (err) {
      report(err);
    }
  }

  const offs = [on("job", load), on("open", load)];
  load();
  return () => {
    for (const off of offs) off();
  };
}
