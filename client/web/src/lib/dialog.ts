// In-page confirmation dialogs (a modal <dialog>, never the browser's confirm() or prompt()):
// a question, optional fields, a confirm button (red for what cannot be undone) and Cancel.
// Escape and Cancel resolve to null; focus returns to where it was.
import { h } from './dom';

export interface DialogField {
  name: string;
  label: string;
  element: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
}

export interface DialogOptions {
  title: string;
  body?: string;
  note?: string;           // small print under the fields, e.g. who will see the reason
  fields?: DialogField[];
  confirm: string;
  cancel: string;
  danger?: boolean;
  id?: string;
}

// Resolves with the fields' values by name, or null when cancelled.
export function openDialog(o: DialogOptions): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const prev = document.activeElement as HTMLElement | null;
    const titleId = `${o.id ?? 'dialog'}-title`;
    const ok = h('button', { type: 'submit', class: o.danger ? 'danger' : 'primary', 'data-action': 'confirm' }, o.confirm);
    const no = h('button', { type: 'button', 'data-action': 'cancel' }, o.cancel);
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('h2', { id: titleId }, o.title),
      o.body ? h('p', { class: 'dialog-body' }, o.body) : null,
      ...(o.fields ?? []).map((f) => {
        f.element.name = f.name;
        f.element.id ||= `${o.id ?? 'dialog'}-${f.name}`;
        return h('div', { class: 'field' }, h('label', { for: f.element.id }, f.label), f.element);
      }),
      o.note ? h('p', { class: 'muted small' }, o.note) : null,
      h('div', { class: 'row dialog-actions' }, ok, no));
    const dlg = h('dialog', { class: 'confirm-dialog', id: o.id ?? 'confirm-dialog', 'aria-labelledby': titleId }, form);
    let result: Record<string, string> | null = null;
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      result = {};
      for (const f of o.fields ?? []) result[f.name] = f.element.value;
      dlg.close();
    });
    no.addEventListener('click', () => dlg.close());
    dlg.addEventListener('close', () => {
      dlg.remove();
      prev?.focus?.();
      resolve(result);
    });
    document.body.append(dlg);
    dlg.showModal();
    (o.fields?.[0]?.element ?? ok).focus();
  });
}
