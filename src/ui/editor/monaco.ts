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
monaco.editor.setTheme('sql-optim-light');

export { monaco };
export type Monaco = typeof monaco;
