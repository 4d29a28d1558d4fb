import { describe, expect, it } from "vitest";
import { generateSecret, hashSecret, verifySecret } from "../../../broker/credentials.js";

describe("device credentials", () => {
  it("stores only a salted scrypt hash and verifies the secret against it", async () => {
    const secret = generateSecret();
    const hash = await hashSecret(secret);
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(hash).not.toContain(secret);
    expect(await verifySecret(secret, hash)).toBe(true);
    expect(await verifySecret(`${secret}x`, hash)).toBe(false);
    expect(await hashSecret(secret)).not.toBe(hash);
  });

  it("never matches a malformed stored value", async () => {
    expect(await verifySecret("x", "internal")).toBe(false);
  });
});
