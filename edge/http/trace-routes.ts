import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import "./http-codes.js";
import { type TProperties, Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply } from "fastify";
import { toGtin14 } from "../core/gtin.js";
import { StationError } from "../core/station-error.js";
import type { Domain } from "../domain/domain.js";
import type { Package } from "../domain/records.js";
import { esc } from "./html.js";
import { publicTraceRecord } from "./public-trace-record.js";
import { renderTracePage } from "./trace-page.js";

/** The page is static HTML with inline CSS and SVG: no script, no other origin, ever. */
const TRACE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

interface Resolved {
  lot: string;
  package?: Package;
}

/** What a scanned code names: a package serial, a lot code or a certificate number. */
export function resolveCode(domain: Domain, code: string): Resolved | undefined {
  const pkg = domain.packages.get(code);
  if (pkg) return { lot: pkg.lot, package: pkg };
  if (domain.batches.get(code)) return { lot: code };
  const cert = domain.certificates.get(code);
  if (cert) return { lot: cert.lot };
  return undefined;
}

/**
 * GS1 Digital Link (GS1 DL standard 1.x §4): /01/{gtin}/10/{lot}[/21/{serial}]. The GTIN must
 * be the batch's product's; AI 21 is the package serial or its sequence in the lot.
 */
export function resolveDigitalLink(
  domain: Domain,
  gtin: string,
  lot: string,
  serial?: string,
): Resolved | undefined {
  const batch = domain.batches.get(lot);
  if (!batch) return undefined;
  const product = domain.master.product(batch.productId);
  if (!product?.gtin || toGtin14(product.gtin) !== toGtin14(gtin)) return undefined;
  if (serial === undefined) return { lot };
  const pkg =
    domain.packages.get(serial) ??
    domain.packages.forBatch(lot).find((p) => String(p.seq) === serial.replace(/^0+/, ""));
  return pkg && pkg.lot === lot ? { lot, package: pkg } : undefined;
}

function notFoundPage(reply: FastifyReply, code: string) {
  return reply
    .code(404)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>未找到 / not found</title></head><body style="font:18px system-ui,sans-serif;padding:24px;color:#1b2a1f"><h1>未找到追溯信息</h1><p>码 <code>${esc(code)}</code> 在本站没有记录。请核对标签，或联系销售方。</p><p>No trace record for this code on this station.</p></body></html>`,
    );
}

/** Public trace pages (no credentials) and the trace record JSON for other systems. */
export function registerTraceRoutes(app: FastifyInstance, deps: { domain: Domain; timeZone: string }): void {
  const { domain, timeZone } = deps;
  const page = (reply: FastifyReply, resolved: Resolved | undefined, code: string) => {
    if (!resolved) return notFoundPage(reply, code);
    const html = renderTracePage(domain.traceRecord(resolved.lot), { package: resolved.package }, timeZone);
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "public, max-age=60")
      .header("content-security-policy", TRACE_CSP)
      .header("x-content-type-options", "nosniff")
      .send(html);
  };
  const pages = app.withTypeProvider<TypeBoxTypeProvider>();
  // Not in the OpenAPI document; the params are typed only (any string: an unknown code gets the
  // not-found page, never a validation error).
  const hidden = <P extends TProperties>(params: P) => ({
    schema: { hide: true, params: Type.Object(params) },
  });
  const text = Type.String();
  pages.get("/t/:code", hidden({ code: text }), (request, reply) => {
    const { code } = request.params;
    return page(reply, resolveCode(domain, code), code);
  });
  pages.get("/01/:gtin/10/:lot", hidden({ gtin: text, lot: text }), (request, reply) => {
    const { gtin, lot } = request.params;
    return page(reply, resolveDigitalLink(domain, gtin, lot), lot);
  });
  pages.get(
    "/01/:gtin/10/:lot/21/:serial",
    hidden({ gtin: text, lot: text, serial: text }),
    (request, reply) => {
      const { gtin, lot, serial } = request.params;
      return page(reply, resolveDigitalLink(domain, gtin, lot, serial), serial);
    },
  );
}

export const TraceParams = Type.Object({
  code: Type.String({
    minLength: 1,
    maxLength: 128,
    description: "批次码、包装序号或合格证编号 / lot, package serial or certificate number",
  }),
});

/**
 * `GET /api/trace/{code}`: the public trace record, the same fields as the trace page and no
 * others (no operator names, no batch notes, no device ids).
 */
export function registerTraceApi(app: FastifyInstance, domain: Domain): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    "/trace/:code",
    {
      schema: {
        summary: "批次追溯记录（JSON）/ trace record of a batch (JSON)",
        tags: ["trace"],
        params: TraceParams,
      },
    },
    async (request) => {
      const { code } = request.params;
      const resolved = resolveCode(domain, code);
      // Never echo the code back: a 404 says only that this station has no such record.
      if (!resolved)
        throw new StationError("HTTP_NOT_FOUND", "本站没有该码的追溯记录 / no trace record for this code");
      return publicTraceRecord(domain.traceRecord(resolved.lot));
    },
  );
}
