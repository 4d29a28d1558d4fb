import { describe, expect, it } from "vitest";
import { currentActor, runAs } from "../../../edge/audit/actor-context.js";
import type { Actor } from "../../../edge/http/actor.js";

const wang: Actor = { id: "op-001", name: "王芳", role: "worker" };
const later = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

describe("the actor a write runs as", () => {
  it("is the request's across its awaits, and the station's outside any", async () => {
    expect(currentActor().name).toBe("station");
    const seen: string[] = [];
    await runAs(wang, async () => {
      seen.push(currentActor().name);
      await later(5);
      seen.push(currentActor().name);
    });
    expect(seen).toEqual(["王芳", "王芳"]);
    expect(currentActor().name).toBe("station");
  });

  it("is not inherited by a timer that fires after the request ended", async () => {
    let fired = "";
    const timerDone = new Promise<void>((done) => {
      runAs(wang, () => {
        setTimeout(() => {
          fired = currentActor().name;
          done();
        }, 20);
      });
    });
    await timerDone;
    expect(fired).toBe("station");
  });

  it("closes when an async action fails too", async () => {
    let afterwards = "";
    const failing = runAs(wang, async () => {
      setTimeout(() => {
        afterwards = currentActor().name;
      }, 20);
      throw new Error("refused");
    });
    await expect(failing).rejects.toThrow("refused");
    await later(40);
    expect(afterwards).toBe("station");
  });
});
