/** A server-sent events client for tests: collects events until closed. */
export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  async open(url: string): Promise<void> {
    const res = await fetch(url, { signal: this.abort.signal });
    if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            this.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }

  private parse(block: string): void {
    const event: Partial<SseEvent> & { lines: string[] } = { lines: [] };
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const [field, ...rest] = line.split(":");
      const value = rest.join(":").replace(/^ /, "");
      if (field === "event") event.event = value;
      else if (field === "id") event.id = value;
      else if (field === "data") event.lines.push(value);
    }
    if (event.event && event.lines.length > 0) {
      this.events.push({ id: event.id, event: event.event, data: JSON.parse(event.lines.join("\n")) });
    }
  }

  of(kind: string): unknown[] {
    return this.events.filter((e) => e.event === kind).map((e) => e.data);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
