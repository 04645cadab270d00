// One navigation on every facilitator page: Console · Écran · Suivi · Relecture · Exports ·
// Bilan, the facilitator token carried in the fragment (never in a query string, so never in
// a server log) and the join code for the board. The board itself, a projection, has none.
import { h } from './dom';
import { currentLang } from './i18n';

export type NavPage = 'console' | 'board' | 'followup' | 'replay' | 'exports' | 'report';

const ITEMS: [NavPage, string, string][] = [
  ['console', 'Console', 'Console'],
  ['board', 'Écran', 'Board'],
  ['followup', 'Suivi', 'Follow-up'],
  ['replay', 'Relecture', 'Replay'],
  ['exports', 'Exports', 'Exports'],
  ['report', 'Bilan', 'Report'],
];

function href(page: NavPage, token: string, code: string): string {
  const t = `token=${encodeURIComponent(token)}`;
  switch (page) {
    case 'console': return `/console.html#${t}`;
    case 'board': return `/board.html#code=${encodeURIComponent(code)}`;
    case 'followup': return `/followup.html#${t}`;
    case 'replay': return `/replay.html#${t}`;
    case 'exports': return `/followup.html#${t}&section=exports`;
    case 'report': return `/report.html#${t}`;
  }
}

// The join code for the board link: from the page when it knows it, else from the server.
async function fetchCode(token: string): Promise<string> {
  try {
    const res = await fetch('/api/join-code', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return res.ok ? ((await res.json()) as { code: string }).code : '';
  } catch {
    return '';
  }
}

export function facilitatorNav(current: NavPage, token: string, code = ''): HTMLElement {
  const fr = currentLang() === 'fr';
  const links = ITEMS.map(([page, f, e]) => {
    const a = h('a', { href: href(page, token, code), class: 'nav-link', 'data-nav': page,
      'aria-current': page === current ? 'page' : undefined,
      target: page === 'board' ? '_blank' : undefined, rel: page === 'board' ? 'noopener' : undefined }, fr ? f : e);
    return h('li', {}, a);
  });
  const nav = h('nav', { class: 'facilitator-nav', 'aria-label': fr ? 'Pages de l’animateur' : 'Facilitator pages' }, h('ul', {}, ...links));
  if (!code && token) {
    void fetchCode(token).then((c) => {
      const a = nav.querySelector<HTMLAnchorElement>('[data-nav=board]');
      if (a && c) a.href = href('board', token, c);
    });
  }
  return nav;
}
