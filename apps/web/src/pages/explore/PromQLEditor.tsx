import {
  acceptCompletion,
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
  completionStatus,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, placeholder } from '@codemirror/view';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { useEffect, useRef } from 'react';
import { completionUrl } from '../../api/prometheus.ts';
import { editorTheme, promqlHighlight } from './editorTheme.ts';

export interface PromQLEditorProps {
  /** The expression to show. A new value (a link, Back, a history entry) replaces the text. */
  value: string;
  /** Called with the text when Enter or Run is pressed. */
  onRun: (expr: string) => void;
}

/** Runs the text; a completion list still open (from a pending fetch) would hide the result. */
function runEditor(view: EditorView, onRun: (expr: string) => void) {
  closeCompletion(view);
  onRun(view.state.doc.toString());
}

/**
 * Tab takes the completion on offer. CodeMirror takes no key for a list opened less than 75 ms
 * ago (a key meant for the text); Tab then stays in the editor rather than leave it with the list
 * open, and the next one takes it. With no list, Tab leaves the editor as anywhere on the page.
 */
function acceptOnTab(view: EditorView): boolean {
  return acceptCompletion(view) || completionStatus(view.state) === 'active';
}

/** How far back metric and label names are looked up for completion. */
const COMPLETION_LOOKBACK_MS = 12 * 60 * 60 * 1000;

/**
 * The PromQL editor: highlighting, linting, and completion of functions, metric names, label
 * names and values through Promwall's pass-through. Enter runs, Shift+Enter adds a line, Tab
 * takes the completion offered.
 *
 * CodeMirror injects its styles at run time. Promwall's Content-Security-Policy
 * (`style-src 'self'`) blocks `<style>` elements, so the editor lives in a shadow root, where
 * CodeMirror uses a constructed (adopted) stylesheet instead, which that policy does not govern.
 */
export function PromQLEditor({ value, onRun }: PromQLEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onRunRef = useRef(onRun);
  const valueRef = useRef(value);

  useEffect(() => {
    onRunRef.current = onRun;
  }, [onRun]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // React's StrictMode mounts twice, and an element takes only one shadow root.
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const promql = new PromQLExtension().setComplete({
      remote: { url: completionUrl(), lookbackInterval: COMPLETION_LOOKBACK_MS },
    });
    const run = (view: EditorView) => {
      runEditor(view, onRunRef.current);
      return true;
    };
    const view = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: valueRef.current,
        selection: { anchor: valueRef.current.length },
        extensions: [
          editorTheme,
          highlightSpecialChars(),
          history(),
          bracketMatching(),
          closeBrackets(),
          // Before the Enter keymap below, at the same precedence: Enter picks an open
          // completion first, and runs the query only when none is open.
          autocompletion(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'PromQL expression' }),
          placeholder('PromQL expression, e.g. rate(http_requests_total[5m]) — Enter runs, Shift+Enter adds a line'),
          syntaxHighlighting(promqlHighlight),
          promql.asExtension(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          Prec.highest(
            keymap.of([
              { key: 'Enter', run },
              { key: 'Shift-Enter', run: insertNewlineAndIndent },
              { key: 'Tab', run: acceptOnTab },
            ]),
          ),
        ],
      }),
    });
    viewRef.current = view;
    view.focus();
    return () => {
      viewRef.current = null;
      view.destroy();
      promql.destroy();
    };
  }, []);

  useEffect(() => {
    valueRef.current = value;
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: value },
      selection: { anchor: value.length },
    });
  }, [value]);

  return (
    <div className="explore-editor">
      <div ref={hostRef} className="explore-editor__input" data-testid="promql-editor" />
      <button
        type="button"
        className="button explore-editor__run"
        data-testid="run-query"
        onClick={() => {
          if (viewRef.current) runEditor(viewRef.current, onRun);
        }}
      >
        Run
      </button>
    </div>
  );
}
