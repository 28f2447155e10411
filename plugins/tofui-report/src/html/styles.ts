/** The report's stylesheet: light and dark follow the system. */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--add:#1a7f37;--add-bg:#dafbe1;--del:#cf222e;--del-bg:#ffebe9;--chg:#9a6700;--chg-bg:#fff8c5;--acc:#0969da;--mark:#8250df}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--add:#3fb950;--add-bg:#12261e;--del:#f85149;--del-bg:#25171c;--chg:#d29922;--chg-bg:#272115;--acc:#4493f8;--mark:#ab7df8}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
header,section{padding:12px 24px}
header{border-bottom:1px solid var(--line);background:var(--panel)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:16px 0 8px}
a{color:var(--acc)}
.meta{color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 16px}
.verdict{display:inline-block;padding:2px 8px;border-radius:12px;font-weight:600;font-size:12px;vertical-align:middle;margin-left:8px}
.v0{background:var(--add-bg);color:var(--add)}.v1{background:var(--del-bg);color:var(--del)}.v2{background:var(--chg-bg);color:var(--chg)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.count{border:1px solid var(--line);border-radius:6px;padding:2px 8px;background:var(--bg)}
.count b{font-variant-numeric:tabular-nums}
.warn{color:var(--chg)}
.toolbar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:8px 24px;background:var(--bg);border-bottom:1px solid var(--line)}
.toolbar input{flex:1 1 240px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}
button{font:inherit;font-size:12px;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--fg);padding:4px 8px;cursor:pointer}
button[aria-pressed=false]{opacity:.45}
.list{position:relative;margin:0 24px}
.row{position:absolute;left:0;right:0;border-bottom:1px solid var(--line);overflow:hidden}
.rh{display:flex;gap:8px;align-items:baseline;height:30px;padding:5px 4px;cursor:pointer;white-space:nowrap}
.rh:hover{background:var(--panel)}
.sym{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-weight:700;min-width:3.2em;text-align:center;border-radius:4px;font-size:12px}
.a-create,.a-import{color:var(--add);background:var(--add-bg)}.a-delete,.a-forget{color:var(--del);background:var(--del-bg)}
.a-update,.a-move{color:var(--chg);background:var(--chg-bg)}.a-replace,.a-replace-create-first{color:var(--del);background:var(--chg-bg)}
.a-read,.a-no-op{color:var(--muted);background:var(--panel)}
.addr{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px;overflow:hidden;text-overflow:ellipsis}
.sub{color:var(--muted);font-size:12px;overflow:hidden;text-overflow:ellipsis}
.rb{padding:4px 8px 12px 3.6em}
.note{color:var(--muted);margin:2px 0}
.note.risk{color:var(--del)}
table.diff{border-collapse:collapse;width:100%;table-layout:fixed;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px;margin-top:4px}
.diff td{border-top:1px solid var(--line);padding:2px 6px;vertical-align:top;overflow-wrap:anywhere;white-space:pre-wrap}
.diff td:first-child{width:30%}
.d-add td:nth-child(3){background:var(--add-bg)}.d-remove td:nth-child(2){background:var(--del-bg)}
.d-change td:nth-child(2){background:var(--del-bg)}.d-change td:nth-child(3){background:var(--add-bg)}
.d-same{color:var(--muted)}
.unknown,.sensitive{font-style:italic;color:var(--mark)}
.forces{color:var(--del);font-weight:600}
.empty{color:var(--muted);padding:12px 4px}
table.plain{border-collapse:collapse;font-size:13px}
.plain td,.plain th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
pre.log{max-height:60vh;overflow:auto;background:var(--panel);padding:8px;border-radius:6px;font-size:12px;white-space:pre-wrap}
.diag{border-left:4px solid var(--del);padding:4px 8px;margin:6px 0;background:var(--del-bg)}
.diag.w{border-color:var(--chg);background:var(--chg-bg)}
:target{outline:2px solid var(--acc)}
`;
