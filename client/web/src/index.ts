// Home page: where to go — join as a participant, project the board, run the workshop.
import { TextLimit } from './gen/atelier/v1/atelier_pb';
import { $, h } from './lib/dom';
import { setLang, t } from './lib/i18n';

setLang((localStorage.getItem('atelier.lang') as 'fr' | 'en') ?? 'fr');
const code = h('input', { id: 'home-code', class: 'code-input', maxlength: TextLimit.JOIN_CODE, autocomplete: 'off', 'aria-label': t('code') });
const form = h('form', { class: 'join' },
  h('h1', {}, 'Atelier'),
  h('p', {}, 'Ateliers d’affaires d’écologie industrielle et territoriale — Industrial and territorial ecology business workshops.'),
  h('label', { for: 'home-code' }, t('code')), code,
  h('button', { class: 'primary big', type: 'submit' }, t('join')),
  h('p', { class: 'muted' }, 'Écran projeté : /board.html#code=CODE · Console animateur : le lien affiché au démarrage du serveur, ou la ',
    h('a', { href: '/admin.html' }, 'page d’administration'), ' (créer et gérer les ateliers).'));
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  location.href = `/tablet.html#code=${encodeURIComponent(code.value.trim())}`;
});
$('#app').append(form);
