import { isIP } from "node:net";

/**
 * Whether a consumer's phone, on the mobile network, can open the QR base URL. Labels leave the
 * packing house: a `.local` name (mDNS, RFC 6762), localhost, or a private address (RFC 1918,
 * RFC 4193, link-local) reaches nothing once the box is out of the shed's Wi-Fi. `.invalid` and
 * the example domains (RFC 6761, RFC 2606) are placeholders `init` writes: never printable.
 */
export type QrReach =
  | { kind: "public" }
  | { kind: "placeholder"; host: string }
  | { kind: "local"; host: string; why: string };

export function judgeQrBase(baseUrl: string): QrReach {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return { kind: "placeholder", host: baseUrl };
  }
  if (/(^|\.)(invalid|example|test)$/.test(host) || /(^|\.)example\.(com|net|org)$/.test(host)) {
    return { kind: "placeholder", host };
  }
  if (host === "localhost" || host.endsWith(".localhost")) return { kind: "local", host, why: "localhost" };
  if (host.endsWith(".local")) return { kind: "local", host, why: "mDNS .local" };
  if (!host.includes(".") && isIP(host) === 0)
    return { kind: "local", host, why: "无域名的主机名 / bare host name" };
  const family = isIP(host);
  if (family === 4 && privateV4(host)) return { kind: "local", host, why: "内网地址 / private address" };
  if (family === 6 && privateV6(host)) return { kind: "local", host, why: "内网地址 / private address" };
  return { kind: "public" };
}

function privateV4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function privateV6(ip: string): boolean {
  return ip === "::1" || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
}
