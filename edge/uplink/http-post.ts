import { request as httpRequest } from "node:http";
import { type Agent, request as httpsRequest } from "node:https";
import type { Clock } from "../core/clock.js";

export type PostOutcome =
  | { kind: "ok"; status: number }
  | { kind: "retry"; reason: string }
  | { kind: "refused"; status: number; reason: string };

export interface PostOptions {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  agent?: Agent;
  /** Aborts the request (station stopping). */
  signal?: AbortSignal;
}

/**
 * One POST with a timeout on the injected clock. Classifies the answer: 2xx delivered;
 * 408, 425, 429, 5xx, timeouts and network errors are worth retrying (RFC 9110 §15.5.9,
 * RFC 6585 §4); any other 4xx means the receiver will never take this body.
 */
export function post(options: PostOptions, clock: Clock): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(outcome);
    };
    const send = options.url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      options.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(options.body),
          ...options.headers,
        },
        ...(options.agent && options.url.protocol === "https:" ? { agent: options.agent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          // Keep only the start: enough for the reason, bounded against a chatty server.
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8").slice(0, 500);
          if (status >= 200 && status < 300) finish({ kind: "ok", status });
          else if (status === 408 || status === 425 || status === 429 || status >= 500 || status < 200)
            finish({ kind: "retry", reason: `HTTP ${status} ${text}`.trim() });
          else finish({ kind: "refused", status, reason: `HTTP ${status} ${text}`.trim() });
        });
        res.on("error", (err) => finish({ kind: "retry", reason: err.message }));
      },
    );
    const timer = clock.setTimeout(() => {
      req.destroy(new Error(`timeout after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on("error", (err) => finish({ kind: "retry", reason: err.message }));
    req.end(options.body);
  });
}
