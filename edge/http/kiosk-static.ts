import "./http-codes.js";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import type { Logger } from "../core/logger.js";

/**
 * The kiosk's files are plain ES modules and CSS kept in `edge/kiosk/` (no bundler, no CDN: the
 * packing house may have no internet). They are served from the package, found both from the
 * sources (tests run TypeScript directly) and from `dist/edge/http/` (the service).
 */
const KIOSK_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

export function kioskRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "kiosk"), join(here, "..", "..", "..", "edge", "kiosk")];
  return candidates.find((dir) => existsSync(join(dir, "index.html")));
}

/**
 * Missing kiosk files (a broken install) must not stop intake, printing or the API: the station
 * starts, logs the fault, and `/` says what is wrong.
 */
export async function registerKioskStatic(app: FastifyInstance, log: Logger): Promise<void> {
  const root = kioskRoot();
  if (!root) {
    log.error({ code: "HTTP_UNAVAILABLE" }, "kiosk files not found: reinstall the package (edge/kiosk)");
    app.get("/", { schema: { hide: true } }, (_request, reply) =>
      reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("操作屏文件缺失，请重新安装 / kiosk files are missing: reinstall trace-station\n"),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: "/kiosk/",
    // Routes for the files present at start only: nothing else under / is captured.
    wildcard: false,
    index: ["index.html"],
    // Revalidate every load: after an update the kiosk must not run stale modules.
    cacheControl: true,
    maxAge: 0,
    etag: true,
    lastModified: true,
    // Only the station's own scripts, styles and API: record text can never run as script.
    // setHeader: @fastify/static 9 passes the raw response here (10 passed the reply).
    setHeaders: (res) => {
      res.setHeader("content-security-policy", KIOSK_CSP);
      res.setHeader("x-content-type-options", "nosniff");
    },
  });
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/kiosk/", 302));
}
