import { adminHeaders, pinHeaders } from "./kiosk-station.js";

export interface ApiAnswer {
  status: number;
  body: any;
}

/** A small JSON client for the station's REST API as the kiosk, a technician or the public. */
export function apiClient(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> => {
    const h = { ...headers };
    if (body === undefined) delete h["content-type"];
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: h,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get("content-type") ?? "";
    return { status: res.status, body: type.includes("json") ? await res.json() : await res.text() };
  };
  return {
    get: (path: string) => call("GET", path),
    kiosk: (method: string, path: string, body?: unknown) => call(method, path, body, pinHeaders()),
    admin: (method: string, path: string, body?: unknown) => call(method, path, body, adminHeaders()),
    raw: call,
  };
}

export const DAY_MS = 86_400_000;
export const TEST_GTIN = "06901234567892";

/**
 * Master data through the API as a technician would enter it: the subject, a tomato product
 * with a GTIN, one greenhouse.
 */
export async function seedTomatoFarm(api: ReturnType<typeof apiClient>): Promise<void> {
  const ok = (a: ApiAnswer) => {
    if (a.status >= 300) throw new Error(`seed failed: ${a.status} ${JSON.stringify(a.body)}`);
  };
  ok(
    await api.admin("PUT", "/api/subject", {
      name: "绿源蔬菜专业合作社",
      kind: "producer",
      idNumber: "91350100M000100Y43",
      originRegion: "福建省福州市",
      contact: "0591-12345678",
    }),
  );
  ok(
    await api.admin("PUT", "/api/products/tomato", {
      name: "番茄",
      category: "vegetables",
      crop: "番茄",
      unit: "kg",
      gtin: TEST_GTIN,
    }),
  );
  ok(await api.admin("PUT", "/api/sites/gh1", { name: "1号温室", kind: "greenhouse" }));
}
