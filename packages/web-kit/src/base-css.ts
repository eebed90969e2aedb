/** Shared look: quiet, legible, works without JavaScript on any screen width. */
export const BASE_CSS = `
:root{--ink:#1f1d1a;--muted:#6b655c;--line:#e4ded3;--paper:#fbf9f5;--accent:#7a5c2e;--accent-ink:#fff;--danger:#a1301f;--ok:#2f6b3a}
*{box-sizing:border-box}
body{margin:0;font-family:"Hiragino Sans","Noto Sans JP",system-ui,sans-serif;color:var(--ink);background:var(--paper);line-height:1.6}
a{color:var(--accent)}
.site-header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;border-bottom:1px solid var(--line);background:#fff}
.site-header nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
.brand{font-weight:700;letter-spacing:.08em;text-decoration:none;color:var(--ink)}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
.site-footer{color:var(--muted);text-align:center;padding:2rem;font-size:.85rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .75rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:.5rem;text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:.9rem}
form.stack{display:grid;gap:.75rem;max-width:32rem}
form.inline{display:flex;gap:.75rem;flex-wrap:wrap;align-items:flex-end}
label{display:grid;gap:.25rem;font-size:.9rem}
input,select,textarea{font:inherit;padding:.45rem .6rem;border:1px solid #cfc7b8;border-radius:4px;background:#fff}
.field-error input,.field-error select,.field-error textarea{border-color:var(--danger)}
.error-text{color:var(--danger);font-size:.85rem}
button,.button{font:inherit;padding:.5rem 1rem;border:0;border-radius:4px;background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
button.danger{background:var(--danger)}
.notice{padding:.75rem 1rem;border-radius:4px;background:#eef5ee;border:1px solid #cfe3cf}
.alert{padding:.75rem 1rem;border-radius:4px;background:#fbeeec;border:1px solid #efc9c2;color:var(--danger)}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin-bottom:1rem}
.muted{color:var(--muted)}
.price{font-weight:700}
.pagination{display:flex;gap:.5rem;margin:1rem 0}
.request-id code{background:#fff;border:1px solid var(--line);padding:.1rem .4rem}
`;
