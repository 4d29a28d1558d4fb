import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { Clock, TimerHandle } from "../core/clock.js";
import type { EventHub, LiveEvent } from "./event-hub.js";

const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Tells EventSource how soon to retry after the station restarts (WHATWG HTML §9.2 "retry"). */
const RETRY_MS = 2_000;

function frame(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * `GET /api/events`: server-sent events. Read-only and public like the trace data (weights and
 * printer state are shown on the kiosk before any PIN is entered). The browser's EventSource
 * reconnects by itself; each connection starts with the current scale and printer state.
 */
export function registerSseRoute(scope: FastifyInstance, hub: EventHub, clock: Clock): void {
  const open = new Set<ServerResponse>();
  // An open stream would hold app.close() forever: end them all before the server closes.
  scope.addHook("preClose", (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });
  scope.get(
    "/events",
    {
      schema: {
        summary: "实时事件（SSE）/ live events (server-sent events)",
        description:
          "event kinds: weight, scale, printer, job, package, certificate, alarm, device; data is JSON",
        tags: ["live"],
      },
    },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write(`retry: ${RETRY_MS}\n: hello\n\n`);
      for (const event of hub.snapshot()) res.write(frame(event));
      const onEvent = (event: LiveEvent) => {
        // A tablet asleep on a half-open connection reads nothing: rather than buffer weights
        // for it without bound, drop it; its EventSource reconnects when it wakes.
        if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
        else res.write(frame(event));
      };
      hub.on("event", onEvent);
      hub.emit("watcher");
      let timer: TimerHandle | undefined;
      const beat = () => {
        res.write(": keep-alive\n\n");
        timer = clock.setTimeout(beat, HEARTBEAT_MS);
        timer.unref?.();
      };
      timer = clock.setTimeout(beat, HEARTBEAT_MS);
      timer.unref?.();
      open.add(res);
      const close = () => {
        open.delete(res);
        hub.off("event", onEvent);
        if (timer) clock.clearTimeout(timer);
      };
      request.raw.on("close", close);
    },
  );
}
