/** How long to keep polling; the machine is shared and noisy, so deadlines are generous. */
export interface PollOptions {
  /** What is awaited, for the timeout message (default: the probe's source); a function is asked at the timeout. */
  what?: string | (() => string);
  timeoutMs?: number;
  stepMs?: number;
}

type Found<T> = Exclude<T, undefined | null | false>;

/**
 * The one polling helper of the tests: call `probe` until it gives something other than
 * `undefined`, `null` or `false`, and return that. No fixed sleeps anywhere else; a number as
 * the second argument is the timeout (and a third, the step).
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  options: PollOptions | number = {},
  stepMs?: number,
): Promise<Found<T>> {
  const o: PollOptions = typeof options === "number" ? { timeoutMs: options, stepMs } : options;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as Found<T>;
    if (Date.now() > deadline) {
      const what =
        typeof o.what === "function"
          ? o.what()
          : (o.what ?? probe.toString().replace(/\s+/g, " ").slice(0, 160));
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, o.stepMs ?? 25));
  }
}
