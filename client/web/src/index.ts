// Home page: where to go — join as a participant, project the board, run the workshop.
import { TextLimit } from './gen/atelier/v1/atelier_pb';
import { $, h } from './lib/dom';
import { currentLang, setLang, t } from './lib/i18n';
import { langSwitch } from './lib/ui';

setLang(currentLang());
const app = $('#app');

function show(value = ''): void {
  const code = h('input', { id: 'home-code', class: 'code-input', maxlength: TextLimit.JOIN_CODE, autocomplete: 'off', value });
  const form = h('form', { class: 'join' },
    h('div', { class: 'row end' }, langSwitch(() => show(code.value))),
    h('h1', {}, 'Atelier'),
    h('p', {}, t('home_tagline')),
    h('label', { for: 'home-code' }, t('code')), code,
    h('button', { class: 'primary big', type: 'submit' }, t('join')),
    h('p', { class: 'muted' }, t('home_board'), h('a', { href: '/admin.html' }, t('home_admin')), t('home_admin_after')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.href = `/tablet.html#code=${encodeURIComponent(code.value.trim())}`;
  });
  app.replaceChildren(h('main', {}, form));
}
show();
