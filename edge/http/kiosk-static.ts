import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * The kiosk's files are plain ES modules and CSS kept in `edge/kiosk/` (no bundler, no CDN: the
 * packing house may have no internet). They are served from the package, found both from the
 * sources (tests run TypeScript directly) and from `dist/edge/http/` (the service).
 */
export function kioskRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "kiosk"), join(here, "..", "..", "..", "edge", "kiosk")];
  const found = candidates.find((dir) => existsSync(join(dir, "index.html")));
  if (!found) throw new Error(`kiosk files not found near ${here}`);
  return found;
}

export async function registerKioskStatic(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: kioskRoot(),
    prefix: "/kiosk/",
    // Routes for the files present at start only: nothing else under / is captured.
    wildcard: false,
    index: ["index.html"],
    // Revalidate every load: after an update the kiosk must not run stale modules.
    cacheControl: true,
    maxAge: 0,
    etag: true,
    lastModified: true,
  });
  app.get("/", { schema: { hide: true } }, (_request, reply) => reply.redirect("/kiosk/", 302));
}
