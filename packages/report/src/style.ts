/** The report's inline style sheet: system fonts only (no web fonts: the report opens offline). */
export const reportStyle = `
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1f2328; line-height: 1.6; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 21px; border-bottom: 2px solid #c8102e; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 17px; margin-top: 24px; }
.meta { color: #57606a; margin: 2px 0; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; word-break: keep-all; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.figures { display: flex; flex-wrap: wrap; gap: 12px; }
dl.figures div { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; min-width: 150px; }
dl.figures dt { color: #57606a; font-size: 13px; }
dl.figures dd { margin: 0; font-size: 22px; font-weight: 600; }
details { margin: 8px 0 16px; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
p.reading { background: #f6f8fa; border-left: 4px solid #c8102e; padding: 6px 10px; }
summary { cursor: pointer; color: #0969da; }
nav.toc ol { columns: 2; }
p.quality-note { color: #57606a; font-size: 14px; }
p.finding { margin: 4px 0 4px 1em; }
p.finding a { color: inherit; text-decoration: none; }
p.design-note { color: #57606a; font-size: 13px; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  details { display: block; } summary { display: none; }
  figure.chart, tr, dl.figures div { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9pt; width: 100%; }
  th, td { word-break: break-all; padding: 2px 4px; }
  td.num { white-space: normal; }
  h2, h3, h4 { break-after: avoid; }
  section { break-before: page; }
  section#findings { break-before: auto; }
  nav.toc { break-before: page; }
  figure.chart svg { max-width: 100%; }
}
`;
