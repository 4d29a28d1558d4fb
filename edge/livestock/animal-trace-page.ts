import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { isStationError } from "../core/station-error.js";
import { dateTimeOf, esc } from "../http/html.js";
import { TRACE_PAGE_CSS } from "../http/trace-page-css.js";
import type { AnimalHistory } from "./animal-history.js";
import { SPECIES_ZH } from "./ear-tag.js";
import type { Livestock } from "./livestock.js";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
const STATUS_ZH = { on_farm: "在场", sold: "已出栏销售", slaughtered: "已屠宰", dead: "死亡" } as const;
const SEX_ZH = { male: "公", female: "母", unknown: "未记录" } as const;

const row = (zh: string, en: string, value: string) =>
  `<tr><th>${zh}<small>${en}</small></th><td>${value}</td></tr>`;
const section = (zh: string, en: string, body: string) =>
  `<section class="card"><h2>${zh} <small>${en}</small></h2>${body}</section>`;

/**
 * The public page of one animal by its ear tag (`/t/animal/{tag}`, the current or a former tag,
 * or its RFID number): what it is, where it came from, every treatment with its withdrawal,
 * its weighings and the sale it left in with the 动物检疫合格证明 number. Static HTML as the
 * batch trace page: no script, nothing from another origin.
 */
export function renderAnimalPage(
  history: AnimalHistory,
  page: { stationName: string; timeZone: string; now: number },
): string {
  const { stationName, timeZone } = page;
  const { animal } = history;
  const facts = section(
    "牲畜",
    "animal",
    `<table>${row("耳标号", "ear tag", `<code>${esc(animal.written)}</code>`)}${animal.formerTags
      .map((t) => row("原耳标", "former tag", `<code>${esc(t.tag)}</code>`))
      .join(
        "",
      )}${row("畜种", "species", esc(SPECIES_ZH[animal.species]))}${row("性别", "sex", esc(SEX_ZH[animal.sex]))}${row("状态", "status", esc(STATUS_ZH[animal.status]))}${animal.source ? row("来源", "source", esc(animal.source)) : ""}</table>`,
  );
  const entries = history.entries
    .map(
      (e) => `<tr><th>${esc(e.day)}</th><td>${esc(e.text.zh)}<br><small>${esc(e.text.en)}</small></td></tr>`,
    )
    .join("");
  const log = section("档案", "history", `<table>${entries}</table>`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>耳标 ${esc(animal.written)} · 追溯</title><style>${TRACE_PAGE_CSS}</style></head><body><header><div class="station">${esc(stationName)}</div><h1>${esc(SPECIES_ZH[animal.species])} ${esc(animal.written)}</h1></header><main>${facts}${log}</main><footer>畜禽标识追溯 · ${esc(dateTimeOf(page.now, timeZone))}</footer></body></html>`;
}

export function registerAnimalTracePage(
  app: FastifyInstance,
  deps: { livestock: Livestock; stationName: string; timeZone: string; now: () => number },
): void {
  const pages = app.withTypeProvider<TypeBoxTypeProvider>();
  pages.get(
    "/t/animal/:tag",
    { schema: { hide: true, params: Type.Object({ tag: Type.String() }) } },
    async (request, reply) => {
      reply.header("content-security-policy", CSP).header("x-content-type-options", "nosniff");
      try {
        const history = deps.livestock.history(request.params.tag);
        return reply.type("text/html; charset=utf-8").send(
          renderAnimalPage(history, {
            stationName: deps.stationName,
            timeZone: deps.timeZone,
            now: deps.now(),
          }),
        );
      } catch (err) {
        if (!isStationError(err) || err.code !== "LIVESTOCK_ANIMAL_NOT_FOUND") throw err;
        return reply
          .code(404)
          .type("text/html; charset=utf-8")
          .send(
            `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>未找到</title></head><body><p>没有这个耳标的牲畜 / no animal with this ear tag</p></body></html>`,
          );
      }
    },
  );
}
