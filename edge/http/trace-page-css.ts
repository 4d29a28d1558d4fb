/** Inline CSS of the trace page: one request, readable on a small phone, printable. */
export const TRACE_PAGE_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1b2a1f;background:#f3f5f2}
header{background:#1f7a3f;color:#fff;padding:18px 16px 16px}header h1{margin:4px 0 10px;font-size:1.6rem}.station{opacity:.85;font-size:.9rem}
.badge{display:inline-block;padding:6px 12px;border-radius:999px;font-weight:700;background:#fff;color:#1f7a3f}.badge.void{color:#b3261e}.badge.none{color:#5d6b61}
small{display:block;font-size:.75rem;color:#5d6b61;font-weight:400}.badge small,h2 small{display:inline;margin-left:4px}
main{max-width:720px;margin:0 auto;padding:12px;display:grid;gap:12px}
.card{background:#fff;border-radius:12px;padding:14px 16px;box-shadow:0 1px 2px #0001}h2{margin:0 0 8px;font-size:1.1rem}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e3e8e4;vertical-align:top}
th{width:34%;font-weight:500;color:#39473d}table.list th{width:auto;font-size:.8rem;color:#5d6b61}
code{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}
.focus .kg{font-size:2rem;font-weight:700;color:#1f7a3f}.muted{color:#5d6b61;font-size:.85rem}
.cert{border:2px solid #1f7a3f;border-radius:10px;padding:10px 12px;margin-bottom:10px}.cert.voided{border-color:#b3261e;opacity:.75}
.cert-title{font-size:1.25rem;font-weight:800;letter-spacing:2px;text-align:center;margin-bottom:6px}
.state{padding:1px 8px;border-radius:999px;font-size:.8rem}.state.ok{background:#e3f3e8;color:#1f7a3f}.state.void{background:#fde7e5;color:#b3261e}
table.nowrap td{white-space:nowrap}.pass{color:#1f7a3f;font-weight:700}.fail{color:#b3261e;font-weight:700}tr.mine{background:#fff6d6}
.metric{padding:8px 0;border-bottom:1px solid #e3e8e4}.range{font-size:.9rem}.spark{width:100%;height:64px;display:block;margin-top:4px}
footer{text-align:center;color:#5d6b61;font-size:.8rem;padding:16px}
`;
