// The address tablets join with, the same on the board and the console: the server's
// --public-url first (Welcome.public_url), then the address the facilitator chose in the
// console (carried to the board as #base=, kept for the tab), then the page's own address
// unless it is a loopback one, then the server's first LAN address (Welcome.lan_urls).
// A loopback address is never reachable from a phone: the pages say so in large type.
import { h } from './dom';
import { currentLang, t } from './i18n';
import { qrImg, qrUrl } from './qr';

export interface ServerAddresses {
  publicUrl: string;
  lanUrls: string[];
}

export function trimBase(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '::1' || host === '0.0.0.0';
  } catch {
    return true;
  }
}

export function chooseBase(server: ServerAddresses | undefined, chosen: string, origin: string): string {
  if (server?.publicUrl) return trimBase(server.publicUrl);
  if (chosen && !isLoopback(chosen)) return trimBase(chosen);
  if (!isLoopback(origin)) return trimBase(origin);
  if (server?.lanUrls.length) return trimBase(server.lanUrls[0]);
  return trimBase(chosen || origin);
}

export function tabletJoinUrl(base: string, code: string): string {
  return `${trimBase(base)}/tablet.html#code=${encodeURIComponent(code)}`;
}

// A company's table tent (« chevalet »): its QR joins that company directly with the key the
// server gave for it (GET /api/tents), the list of companies aside.
export function tentJoinUrl(base: string, code: string, companyId: string, key: string): string {
  return `${tabletJoinUrl(base, code)}&c=${encodeURIComponent(companyId)}&k=${encodeURIComponent(key)}`;
}

const L = (fr: string, en: string) => (currentLang() === 'fr' ? fr : en);

export function loopbackWarning(): string {
  return L('Adresse locale (localhost) : les téléphones ne peuvent pas la joindre. Lancez le serveur avec --public-url ou choisissez son adresse réseau dans la console.',
    'Local address (localhost): phones cannot reach it. Start the server with --public-url or pick its network address in the console.');
}

// Full-screen join view: the QR as large as the screen allows and the code in letters
// readable from the back of the room. Escape, a click or the button closes it.
export function showJoinFullScreen(base: string, code: string): void {
  document.getElementById('join-full')?.remove();
  const url = tabletJoinUrl(base, code);
  const close = h('button', { type: 'button', class: 'join-full-close' }, L('Fermer', 'Close'));
  const box = h('div', { class: 'join-full', id: 'join-full', role: 'dialog', 'aria-modal': 'true', 'aria-label': L('Rejoindre l’atelier', 'Join the workshop') },
    h('img', { class: 'join-full-qr', id: 'join-full-qr', alt: 'QR code', src: qrUrl(url) }),
    h('div', { class: 'join-full-text' },
      h('p', { class: 'join-full-lead' }, t('board_join')),
      h('p', { class: 'join-full-code', id: 'join-full-code' }, code),
      h('p', { class: 'join-full-host' }, `${base.replace(/^https?:\/\//, '')}/tablet.html`),
      isLoopback(base) ? h('p', { class: 'join-warn' }, loopbackWarning()) : null,
      close));
  const done = () => {
    box.remove();
    document.removeEventListener('keydown', onKey);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') done(); };
  close.addEventListener('click', done);
  box.addEventListener('click', (e) => { if (e.target === box) done(); });
  document.addEventListener('keydown', onKey);
  document.body.append(box);
  close.focus();
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

// The board's join box: code, address, QR, a warning on loopback and the full-screen button.
// `update` redraws it when the addresses become known (Welcome) or change.
export function joinBox(code: string, qrSize: number): { el: HTMLElement; update(base: string): void } {
  const codeEl = h('p', { class: 'join-code', id: 'join-code' }, code);
  const host = h('p', { class: 'join-host', id: 'join-host' });
  const warn = h('p', { class: 'join-warn', id: 'join-warn', role: 'alert', hidden: true });
  const qrSlot = h('div', { class: 'join-qr-slot' });
  let base = '';
  const full = h('button', { type: 'button', class: 'join-full-open', id: 'join-full-open', onclick: () => showJoinFullScreen(base, code) },
    L('QR plein écran', 'Full-screen QR'));
  const el = h('div', { class: 'join-box', id: 'join-box' },
    h('div', { class: 'join-text' }, h('p', { id: 'join-label' }, t('board_join')), codeEl, host, warn, full),
    qrSlot);
  return {
    el,
    update(b) {
      base = b;
      host.textContent = `${b.replace(/^https?:\/\//, '')}/tablet.html`;
      const loop = isLoopback(b);
      warn.hidden = !loop;
      warn.textContent = loop ? loopbackWarning() : '';
      el.classList.toggle('join-loopback', loop);
      qrSlot.replaceChildren(qrImg(tabletJoinUrl(b, code), qrSize, 'board-qr'));
      const open = document.getElementById('join-full');
      if (open) showJoinFullScreen(b, code);
    },
  };
}
