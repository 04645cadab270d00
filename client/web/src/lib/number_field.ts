// A numeric input as French people type it: a text field (inputmode decimal, so phones show
// the digits and the comma) read by the one parser (number.ts), with the value echoed back
// formatted, « = 4 800,5 », or the refusal, right under the field, before anything is saved.
import { h } from './dom';
import { currentLang } from './i18n';
import { formatNumber, parseNumber, type NumberOptions } from './number';

export type NumberRead = { state: 'empty' } | { state: 'ok'; value: number } | { state: 'error'; message: string };

export interface NumberField {
  input: HTMLInputElement;
  echo: HTMLElement;       // place it right after the input
  read(): NumberRead;      // also refreshes the echo
  set(value: number | undefined): void;
}

let seq = 0;

export function numberField(attrs: Record<string, string | number | boolean | undefined>, opts: NumberOptions = {}): NumberField {
  const id = `num-echo-${++seq}`;
  const input = h('input', { type: 'text', inputmode: opts.integer ? 'numeric' : 'decimal', autocomplete: 'off', spellcheck: false, 'aria-describedby': id, ...attrs, 'data-number': '1' });
  const echo = h('span', { class: 'num-echo', id, 'aria-live': 'polite' });
  const read = (): NumberRead => {
    const raw = input.value;
    echo.textContent = '';
    echo.classList.remove('bad');
    input.removeAttribute('aria-invalid');
    if (!raw.trim()) return { state: 'empty' };
    const p = parseNumber(raw, opts);
    if (p.ok) {
      // Always fr-FR: the form the parser reads back, whatever the page's language.
      echo.textContent = `= ${p.text}`;
      return { state: 'ok', value: p.value };
    }
    const message = currentLang() === 'fr' ? p.fr : p.en;
    echo.textContent = message;
    echo.classList.add('bad');
    input.setAttribute('aria-invalid', 'true');
    return { state: 'error', message };
  };
  input.addEventListener('input', () => void read());
  // A form reset clears the field after the event: clear the echo then too.
  document.addEventListener('reset', (e) => { if (e.target === input.form) setTimeout(read, 0); }, true);
  return {
    input, echo, read,
    set(value) {
      input.value = value === undefined ? '' : formatNumber(value);
      read();
    },
  };
}
