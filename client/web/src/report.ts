// Report page (« Bilan »): the workshop's report as the server computes it, the same page the
// export downloads and `atelier report` writes (server/app/exports.cpp, ReportHtml): one
// computation, three ways to get it. Printable (saved as PDF through the browser's print
// dialog): A4, page numbers, headings kept with their content. The server escapes every text
// it got from users; scripts in it would not run (DOMParser), and it holds none.
import { api, facilitatorToken, whoAmI } from './lib/after';
import { $, h } from './lib/dom';
import { setLang } from './lib/i18n';
import { facilitatorNav } from './lib/nav';

setLang('fr');
const token = facilitatorToken();
const app = $('#app');

function toolbar(workshopId: string): HTMLElement {
  const printBtn = h('button', { type: 'button', class: 'primary', id: 'print' }, 'Imprimer / PDF');
  printBtn.addEventListener('click', () => window.print());
  const download = h('button', { type: 'button', id: 'download-report' }, 'Télécharger la page (HTML)');
  download.addEventListener('click', () => void (async () => {
    const res = await api(token, `/api/workshops/${workshopId}/export/report.html`);
    const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
    const a = h('a', { href: url, download: 'bilan.html' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  })());
  return h('div', { class: 'actions no-print report-toolbar' }, printBtn, download);
}

async function main(): Promise<void> {
  if (!token) {
    app.append(h('p', { class: 'error' }, 'Lien animateur incomplet : ajoutez #token=… / Incomplete facilitator link.'));
    return;
  }
  try {
    const me = await whoAmI(token);
    const res = await api(token, `/api/workshops/${me.workshop_id}/export/report.html`);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    document.title = doc.title || document.title;
    for (const style of doc.head.querySelectorAll('style')) document.head.append(document.importNode(style, true));
    app.append(facilitatorNav('report', token), toolbar(me.workshop_id));
    for (const node of [...doc.body.childNodes]) app.append(document.importNode(node, true));
    document.body.dataset.ready = '1';
  } catch (e) {
    app.append(h('p', { class: 'error', role: 'alert' }, `Bilan impossible : ${(e as Error).message}`));
  }
}
void main();
