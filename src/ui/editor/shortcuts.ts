// The page's keyboard shortcuts as people read them: the shortcut sheet lists these, the buttons' hints show them.
// (The editor binds the same keys with Monaco's codes in SqlEditor.svelte; Ctrl there is Cmd on a Mac.)

export interface Shortcut {
  keys: string;
  label: string;
  what: string;
}

export const SHORTCUTS = {
  run: { keys: 'Ctrl+Enter', label: 'Run', what: 'Time the rewrite against the original; no step is spent.' },
  submit: { keys: 'Ctrl+Shift+Enter', label: 'Submit', what: 'Submit the rewrite and the issues you found as a step.' },
  accept: { keys: 'Tab', label: 'Accept a completion', what: 'Enter starts a new line; a click or the arrows then Tab also pick one.' },
  format: { keys: 'Shift+Alt+F', label: 'Format', what: 'Lay the rewrite out one clause per line (undo with Ctrl+Z).' },
  sheet: { keys: '?', label: 'This sheet', what: 'Outside a text field; Escape closes it.' },
} satisfies Record<string, Shortcut>;
