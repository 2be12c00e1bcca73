// Monaco, trimmed to what a SQL editor needs, with its worker bundled from this origin (no CDN, CSP 'self').
// Loaded lazily by loadMonaco() so the page paints and the DuckDB download starts before ~3 MB of editor code.
import * as monaco from 'monaco-editor/editor/editor.api';
// Only the contributions this app uses; editor.main would pull in every language and the TypeScript service.
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/editor/browser/widget/diffEditor/diffEditor.contribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/readOnlyMessage/browser/contribution';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/languages/definitions/sql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

// SQL has no language service, so the generic editor worker (diff computation, word ranges) is the only one.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// The stock light theme paints SQL operators (#778899) and strings (#FF0000) below WCAG AA contrast on white, and
// its diff backgrounds push functions and numbers below it too: darker tokens, paler diff backgrounds (all ≥ 4.5:1).
monaco.editor.defineTheme('sql-optim-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'operator.sql', foreground: '4a5568' },
    { token: 'string.sql', foreground: 'b30000' },
    { token: 'predefined.sql', foreground: '8b008b' },
    { token: 'number', foreground: '05603a' },
    { token: 'comment', foreground: '1b5e20' },
    { token: 'type', foreground: '00605f' },
  ],
  colors: {
    'diffEditor.removedTextBackground': '#ffd7d7',
    'diffEditor.removedLineBackground': '#ffecec',
    'diffEditor.insertedTextBackground': '#d4f5d4',
    'diffEditor.insertedLineBackground': '#eefbe9',
  },
});
// The dark twin: the editor on the page's dark card colour (app.css --card), tokens and diff backgrounds kept ≥ 4.5:1.
monaco.editor.defineTheme('sql-optim-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'keyword.sql', foreground: '7fb4ff' },
    { token: 'operator.sql', foreground: 'c0c8d2' },
    { token: 'string.sql', foreground: 'ff9e8a' },
    { token: 'predefined.sql', foreground: 'e59ce8' },
    { token: 'number', foreground: '9fdfb0' },
    { token: 'comment', foreground: '8fc98f' },
    { token: 'type', foreground: '6fd6d2' },
  ],
  colors: {
    'editor.background': '#111a24',
    'editorGutter.background': '#111a24',
    'editorLineNumber.foreground': '#8b98a5',
    'diffEditor.removedTextBackground': '#4a1d22',
    'diffEditor.removedLineBackground': '#2c161b',
    'diffEditor.insertedTextBackground': '#1a4029',
    'diffEditor.insertedLineBackground': '#132a1d',
  },
});

// Monaco has one theme for the whole page; it follows the system's light or dark setting, live, as the page's CSS does.
const dark = matchMedia('(prefers-color-scheme: dark)');
const themeListeners = new Set<() => void>();
const followSystem = () => {
  monaco.editor.setTheme(dark.matches ? 'sql-optim-dark' : 'sql-optim-light');
  for (const fn of themeListeners) fn();
};
dark.addEventListener('change', followSystem);
followSystem();

/** Calls `fn` after each change of theme; returns the unsubscribe. A diff editor needs it: the removed lines it draws
 *  inline are static HTML whose token classes index the old theme's colours (red #ff0000 on dark red, seen by axe). */
export function onThemeChange(fn: () => void): () => void {
  themeListeners.add(fn);
  return () => themeListeners.delete(fn);
}

// Every editor Monaco constructs points two page-wide hooks (the factory of hover delegates, the renderer of code
// blocks in hovers) at the instantiation service it was built with. A diff editor builds its two inner editors with
// its own child service, which dies with it; the next completion list then asks for the default hover delegate, gets
// "InstantiationService has been disposed", and the lazy value holding that delegate keeps the failure, so completion
// stays broken until a reload. An editor made by monaco.editor.create gets the page's root service, so making one
// (detached, disposed at once) right after each diff editor points the hooks back at a service that never dies.
monaco.editor.onDidCreateDiffEditor(() => monaco.editor.create(document.createElement('div')).dispose());

export { monaco };
export type Monaco = typeof monaco;
