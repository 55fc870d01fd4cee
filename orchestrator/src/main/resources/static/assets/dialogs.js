// The modal form both VM dialogs use: a title, labelled fields, an error line, Submit and Close; and its number field.

import { h } from './dom.js';

/** A whole-number field of a form dialog. */
export function numberInput(id, name, min, max, placeholder) {
  return h('input', { id, name, type: 'number', min, max, inputmode: 'numeric', placeholder });
}

/**
 * Builds (does not open) a dialog with ids `${id}-dialog`, `-title`, `-error`, `-submit`. onSubmit(form)
 * does the work; the dialog closes when it returns and shows the error (with the field the server
 * named) when it throws.
 */
export function formDialog(id, title, content, submitLabel, onSubmit) {
  const error = h('p', { class: 'form-error', id: `${id}-error`, role: 'alert' });
  const submit = h('button', { type: 'submit', id: `${id}-submit` }, submitLabel);
  let dialog = null;
  const form = h('form', { method: 'dialog', class: 'form-grid' },
    h('h2', { id: `${id}-title` }, title), content, error,
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Close')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await onSubmit(form);
      dialog.close();
    } catch (e) {
      error.textContent = e.message + (e.problem && e.problem.field ? ` (${e.problem.field})` : '');
      submit.disabled = false;
    }
  });
  dialog = h('dialog', { id: `${id}-dialog`, 'aria-labelledby': `${id}-title` }, form);
  return dialog;
}
