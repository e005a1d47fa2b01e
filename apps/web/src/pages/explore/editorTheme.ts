import { HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * The editor's look, built from the app's CSS variables (and the `--promql-*` ones in
 * explore.css), so one theme serves dark and light and follows a switch without rebuilding the
 * editor. Custom properties inherit into the editor's shadow root; nothing else does.
 */
export const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--color-text)',
    backgroundColor: 'var(--color-bg)',
    border: '1px solid var(--color-border)',
    borderRadius: '6px',
    fontSize: '14px',
  },
  '&.cm-focused': {
    outline: 'none',
    borderColor: 'var(--color-accent)',
    boxShadow: '0 0 0 1px var(--color-accent)',
  },
  '.cm-scroller': {
    fontFamily: 'var(--font-mono)',
    lineHeight: '1.6',
    // A long expression scrolls inside the editor rather than pushing the results away.
    maxHeight: '40vh',
    overflow: 'auto',
  },
  '.cm-content': { padding: '6px 0', caretColor: 'var(--color-text)' },
  '.cm-line': { padding: '0 10px' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--color-accent) 28%, transparent)',
  },
  '.cm-placeholder': { color: 'var(--color-text-muted)', fontFamily: 'var(--font-sans)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'color-mix(in srgb, var(--color-accent) 22%, transparent)',
    outline: 'none',
  },
  '.cm-nonmatchingBracket, &.cm-focused .cm-nonmatchingBracket': {
    backgroundColor: 'color-mix(in srgb, var(--color-critical) 25%, transparent)',
  },

  '.cm-tooltip': {
    backgroundColor: 'var(--color-surface-raised)',
    color: 'var(--color-text)',
    border: '1px solid var(--color-border)',
    borderRadius: '6px',
    boxShadow: '0 8px 24px rgb(0 0 0 / 0.25)',
    fontFamily: 'var(--font-sans)',
    fontSize: '13px',
  },
  '.cm-tooltip.cm-tooltip-autocomplete': { overflow: 'hidden' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': {
    fontFamily: 'var(--font-mono)',
    maxHeight: '18em',
    minWidth: '320px',
    maxWidth: 'min(720px, 80vw)',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li': { padding: '2px 12px 2px 6px', lineHeight: '1.6' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--color-accent-tile)',
    color: 'var(--color-text)',
  },
  '.cm-completionIcon': { width: '1.4em', opacity: '1', color: 'var(--color-text-muted)' },
  '.cm-completionMatchedText': { textDecoration: 'none', color: 'var(--color-accent)', fontWeight: '600' },
  '.cm-completionDetail': {
    marginLeft: '1.5em',
    color: 'var(--color-text-muted)',
    fontStyle: 'normal',
    fontFamily: 'var(--font-sans)',
    fontSize: '12px',
  },
  '.cm-tooltip.cm-completionInfo': { padding: '8px 10px', maxWidth: '420px', lineHeight: '1.45' },

  '.cm-diagnostic': { padding: '6px 10px', fontFamily: 'var(--font-mono)' },
  '.cm-diagnostic-error': { borderLeft: '3px solid var(--color-critical)' },
  '.cm-diagnostic-warning': { borderLeft: '3px solid var(--color-warning)' },
});

export const promqlHighlight = HighlightStyle.define([
  { tag: tags.variableName, color: 'var(--promql-metric)' },
  { tag: tags.function(tags.variableName), color: 'var(--promql-function)' },
  { tag: [tags.operatorKeyword, tags.modifier, tags.logicOperator], color: 'var(--promql-keyword)' },
  { tag: tags.labelName, color: 'var(--promql-label)' },
  { tag: tags.string, color: 'var(--promql-string)' },
  { tag: tags.number, color: 'var(--promql-number)' },
  { tag: [tags.operator, tags.arithmeticOperator], color: 'var(--color-text-muted)' },
  { tag: tags.comment, color: 'var(--color-text-muted)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--color-critical)' },
]);
