// The report as one self-contained web page that also prints well (issue 15, items 2, 5 and 6): inline CSS,
// no script, every text escaped, each figure a link to its entry in "Sources and method" with its as-at
// date in the link's title, footnotes as a numbered list with links back. Print CSS starts each annex on a
// new page, repeats table headers, and prints the ILLUSTRATIVE / DRAFT marks on every page.
import type { Block, Cell, ReportDocument, ReportPart, Run } from '../domain/document.ts';
import {
  annexLabel,
  asAtText,
  checkFigures,
  footnoteTexts,
  numberFootnotes,
  pageMarks,
  RENDER_WORDS,
  sourceDates,
  sourcesAnnexNumber,
  sourceText,
  symbolText,
  usedByText,
} from './common.ts';

/** Text for HTML content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const CSS = `
body{font-family:"Noto Sans",Arial,sans-serif;font-size:11pt;line-height:1.45;max-width:48rem;margin:0 auto;padding:1rem;color:#000;background:#fff}
.marks{position:sticky;top:0;background:#ffe9a8;border:2px solid #000;font-weight:bold;text-align:center;padding:.25rem;letter-spacing:.1em}
.front{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;border-bottom:2px solid #000;padding-bottom:.5rem}
.symbol{text-align:right;font-size:1.1rem;font-weight:bold}
.pending{background:#fff3c4;border:1px dashed #000;padding:0 .25rem}
.distribution{text-align:right}
.session{margin-top:1rem}
h1{font-size:1.3rem}h2{font-size:1.15rem}h3{font-size:1rem}
.para{display:grid;grid-template-columns:3rem 1fr}
.para .n{font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #000;padding:.2rem .4rem;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee;text-align:left}
.end{text-align:right}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
a.fig{color:inherit;text-decoration:underline dotted}
.footnotes{border-top:1px solid #000;font-size:.9rem}
.fingerprint{font-family:monospace;overflow-wrap:anywhere}
@media (max-width:30rem){body{padding:.5rem}.para{grid-template-columns:2rem 1fr}th,td{padding:.15rem .2rem;overflow-wrap:anywhere}.front{grid-template-columns:1fr}.symbol,.distribution{text-align:left}}
@media print{
 body{max-width:none;padding:0}
 .marks{position:fixed;top:0;left:0;right:0}
 .annex{break-before:page}
 thead{display:table-header-group}
 tr,figure{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
`;

interface Context {
  doc: ReportDocument;
  footnotes: Map<Run, number>;
  dates: Map<number, string>;
}

function runs(list: readonly Run[], ctx: Context): string {
  return list
    .map((run) => {
      switch (run.type) {
        case 'text': {
          const text = escapeHtml(run.text);
          if (run.emphasis === 'bold') return `<strong>${text}</strong>`;
          return run.emphasis === 'italic' ? `<em>${text}</em>` : text;
        }
        case 'figure': {
          const asAt = ctx.dates.get(run.source);
          const title = asAt
            ? ` title="${escapeHtml(`${ctx.doc.labels.asAt} ${asAtText(ctx.doc, asAt)}`)}"`
            : '';
          return `<a class="fig" href="#source-${run.source}"${title}>${escapeHtml(run.text)}</a>`;
        }
        case 'footnote': {
          const n = ctx.footnotes.get(run) ?? 0;
          return `<sup><a id="fnref-${n}" href="#fn-${n}">${n}</a></sup>`;
        }
      }
    })
    .join('');
}

function cell(tag: 'th' | 'td', c: Cell, ctx: Context, scope: string): string {
  const cls = c.align === 'end' ? ' class="end"' : '';
  return `<${tag}${scope}${cls}>${runs(c.runs, ctx)}</${tag}>`;
}

function table(block: Extract<Block, { type: 'table' }>, ctx: Context): string {
  const head = block.header
    .map((row) => `<tr>${row.map((c) => cell('th', c, ctx, ' scope="col"')).join('')}</tr>`)
    .join('');
  const body = block.rows
    .map(
      (row) =>
        `<tr>${row.map((c, i) => (i === 0 ? cell('th', c, ctx, ' scope="row"') : cell('td', c, ctx, ''))).join('')}</tr>`,
    )
    .join('\n');
  const notes = block.notes.map((n) => `<p class="note">${runs(n, ctx)}</p>`).join('');
  return `<table id="table-${escapeHtml(block.key)}"><caption>${escapeHtml(block.caption)}</caption><thead>${head}</thead><tbody>\n${body}\n</tbody></table>${notes}`;
}

function block(b: Block, ctx: Context, level: number): string {
  switch (b.type) {
    case 'paragraph':
      return `<p class="para" id="para-${b.number}"><span class="n">${b.number}.</span><span>${runs(b.runs, ctx)}</span></p>`;
    case 'text':
      return `<p>${runs(b.runs, ctx)}</p>`;
    case 'subheading':
      return `<h${level + 1}>${escapeHtml(b.label)} ${escapeHtml(b.title)}</h${level + 1}>`;
    case 'table':
      return table(b, ctx);
    case 'figure': {
      const src = `data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')}`;
      return `<figure id="figure-${escapeHtml(b.key)}"><img src="${src}" alt="${escapeHtml(b.alt)}"><figcaption>${escapeHtml(b.caption)}</figcaption></figure>`;
    }
  }
}

function section(part: ReportPart, ctx: Context): string {
  const id = `section-${escapeHtml(part.number)}`;
  return `<section id="${id}"><h2>${escapeHtml(part.number)}. ${escapeHtml(part.title)}</h2>\n${part.blocks.map((b) => block(b, ctx, 2)).join('\n')}</section>`;
}

function annex(part: ReportPart, ctx: Context): string {
  const id = `annex-${escapeHtml(part.number)}`;
  return `<section class="annex" id="${id}"><h2>${escapeHtml(annexLabel(ctx.doc, part))}<br>${escapeHtml(part.title)}</h2>\n${part.blocks.map((b) => block(b, ctx, 2)).join('\n')}</section>`;
}

function sourcesAnnex(ctx: Context): string {
  const { doc } = ctx;
  const words = RENDER_WORDS[doc.locale];
  const rows = doc.sources
    .map(
      (s) =>
        `<tr id="source-${s.number}"><th scope="row">${s.number}</th><td>${escapeHtml(sourceText(s.source))}</td><td>${escapeHtml(asAtText(doc, s.asAt))}</td><td>${escapeHtml(usedByText(s.usedBy))}</td></tr>`,
    )
    .join('\n');
  const head = [words.number, doc.labels.source, doc.labels.asAt, words.usedBy]
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('');
  return `<section class="annex" id="sources"><h2>${escapeHtml(doc.labels.annex)} ${sourcesAnnexNumber(doc)}<br>${escapeHtml(doc.labels.sourcesAndMethod)}</h2>
<table><caption>${escapeHtml(doc.labels.sourcesAndMethod)}</caption><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<p>${escapeHtml(doc.labels.fingerprint)}: <span class="fingerprint">${escapeHtml(doc.fingerprint)}</span></p></section>`;
}

function frontMatter(ctx: Context): string {
  const { doc } = ctx;
  const f = doc.front;
  const symbol =
    f.symbol === null ? `<span class="pending">${escapeHtml(symbolText(doc))}</span>` : escapeHtml(f.symbol);
  return `<header class="front">
<div>${escapeHtml(f.body)}</div><div class="symbol">${symbol}</div>
<div></div><div class="distribution">${escapeHtml(f.distribution)}<br>${escapeHtml(f.dateText)}<br><br>${escapeHtml(f.original)}</div>
</header>
<div class="session"><p>${escapeHtml(f.session)}<br>${escapeHtml(f.sessionPlaceAndDates)}<br>${escapeHtml(f.agendaItem)}<br><strong>${escapeHtml(f.agendaTitle)}</strong></p>
<h1>${escapeHtml(f.title)}</h1><p><strong>${escapeHtml(f.subtitle)}</strong></p>
<section aria-labelledby="summary-title"><h2 id="summary-title" class="summary">${escapeHtml(RENDER_WORDS[doc.locale].summary)}</h2>
${f.summary.map((r) => `<p>${runs(r, ctx)}</p>`).join('\n')}</section>
<p class="agenda-note"><small>${escapeHtml(f.agendaFootnote)}</small></p></div>`;
}

function contents(doc: ReportDocument): string {
  const items = [
    ...doc.sections.map(
      (p) =>
        `<li><a href="#section-${escapeHtml(p.number)}">${escapeHtml(p.number)}. ${escapeHtml(p.title)}</a></li>`,
    ),
    ...doc.annexes.map(
      (p) =>
        `<li><a href="#annex-${escapeHtml(p.number)}">${escapeHtml(annexLabel(doc, p))}. ${escapeHtml(p.title)}</a></li>`,
    ),
    `<li><a href="#sources">${escapeHtml(doc.labels.annex)} ${sourcesAnnexNumber(doc)}. ${escapeHtml(doc.labels.sourcesAndMethod)}</a></li>`,
  ];
  return `<nav aria-labelledby="contents-title"><h2 id="contents-title">${escapeHtml(doc.labels.contents)}</h2><ul>${items.join('')}</ul></nav>`;
}

function footnoteList(ctx: Context): string {
  const texts = footnoteTexts(ctx.footnotes);
  if (texts.length === 0) return '';
  const items = texts
    .map(
      (t, i) =>
        `<li id="fn-${i + 1}">${escapeHtml(t)} <a href="#fnref-${i + 1}" aria-label="↩ ${i + 1}">↩</a></li>`,
    )
    .join('\n');
  return `<section class="footnotes"><ol>\n${items}\n</ol></section>`;
}

/** The report as one HTML page; equal documents give equal text. */
export function renderHtml(doc: ReportDocument): string {
  checkFigures(doc);
  const ctx: Context = { doc, footnotes: numberFootnotes(doc), dates: sourceDates(doc) };
  const marks = pageMarks(doc);
  const banner =
    marks.length > 0 ? `<header class="marks">${marks.map(escapeHtml).join(' — ')}</header>\n` : '';
  const title = `${symbolText(doc)} — ${doc.front.title}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(doc.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${banner}<main>
${frontMatter(ctx)}
${contents(doc)}
${doc.sections.map((p) => section(p, ctx)).join('\n')}
${footnoteList(ctx)}
${doc.annexes.map((p) => annex(p, ctx)).join('\n')}
${sourcesAnnex(ctx)}
</main>
</body>
</html>
`;
}
