// Facilitator console: runs the workshop with the facilitator token.
import { AtelierClient, serverUrl } from './lib/client';
import { $, clear, h, takeFragment } from './lib/dom';
import { errorText, setLang, t } from './lib/i18n';
import { WorkshopView } from './lib/state';
import { cardView, langSwitch, statusBadge } from './lib/ui';

setLang((localStorage.getItem('atelier.lang') as 'fr' | 'en') ?? 'fr');
const token = takeFragment('token') ?? sessionStorage.getItem('atelier.console.token') ?? '';
if (token) sessionStorage.setItem('atelier.console.token', token);

const app = $('#app');
const view = new WorkshopView();
const badge = statusBadge();
const err = h('p', { class: 'error', role: 'alert' });

function render(): void {
  clear(app);
  app.append(
    h('header', { class: 'bar' },
      h('span', { class: 'brand' }, view.info?.title ?? 'Atelier'), badge.el, langSwitch(render)),
    err,
    h('main', { class: 'console' },
      h('section', { class: 'panel' },
        h('h2', {}, t('room_cards')),
        h('div', { class: 'list' }, ...view.liveCards().map((c) => cardView(view, c))))));
}

if (!token) {
  app.append(h('p', { class: 'error' }, 'Lien animateur incomplet : ouvrez le lien complet affiché au démarrage. / Incomplete facilitator link.'));
} else {
  const client = new AtelierClient(serverUrl(), { token }, {
    welcome(w) {
      if (w.snapshot) view.load(w.snapshot);
      render();
    },
    events(events) {
      for (const e of events) view.apply(e);
      render();
    },
    error: (e) => (err.textContent = errorText(e.code, e.message)),
    status: (s, p) => badge.set(s, p),
  }, 'atelier.console.queue');
  client.start();
}
