import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $createHeadingNode, $isHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  CLEAR_HISTORY_COMMAND,
  FORMAT_TEXT_COMMAND,
  HISTORY_MERGE_TAG,
  type LexicalEditor,
  type TextFormatType,
} from 'lexical';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { matchRanges } from '../views/memos/memo-search';
import { $loadMemoContent, $memoPlainText, MEMO_NODES, MEMO_THEME } from '../views/memos/memo-lexical';
import '../styles/memos.css';

/** How long after the last keystroke a memo is saved. */
export const MEMO_SAVE_DELAY_MS = 600;

export interface MemoSave {
  /** Lexical editor state as JSON. */
  content: string;
  plainText: string;
}

export interface MemoEditorProps {
  /** The stored content (Lexical JSON, or empty) and plain text; read on mount and again after an undo or redo. */
  content: string;
  plainText: string;
  /**
   * Stores the memo, normally by executing one command. Called once per pause in typing and on leaving the editor,
   * never per keystroke, so Undo in the app steps back one pause of writing at a time.
   */
  onSave(save: MemoSave): Promise<void>;
  /** The accessible name of the writing area, e.g. "Memo text". */
  label: string;
  placeholder?: string;
  /** Words to paint in the text (a search in progress). */
  highlightTerms?: readonly string[];
  autoFocus?: boolean;
  className?: string;
}

type SaveStatus = 'idle' | 'editing' | 'saving' | 'saved' | 'error';

const numberFormat = new Intl.NumberFormat('en-GB');

/**
 * A rich-text memo editor: bold, italic, underline, headings and lists, with its own text undo (Ctrl+Z inside it)
 * and autosave through the caller's command.
 */
export function MemoEditor(props: MemoEditorProps) {
  // The composer reads its configuration once; later content arrives through the save plugin's sync.
  const initial = useRef({ content: props.content, plainText: props.plainText });
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'tessera-memo',
      nodes: MEMO_NODES,
      theme: MEMO_THEME,
      onError: (error) => {
        console.error(error);
      },
      editorState: () => $loadMemoContent(initial.current.content, initial.current.plainText),
    }),
    [],
  );

  return (
    <div className={`memo-editor${props.className ? ` ${props.className}` : ''}`}>
      <LexicalComposer initialConfig={initialConfig}>
        <FormattingToolbar />
        <div className="memo-editor-scroll">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="memo-editor-content"
                aria-label={props.label}
                aria-multiline
                spellCheck
                aria-placeholder={props.placeholder ?? 'Write here…'}
                placeholder={<div className="memo-placeholder">{props.placeholder ?? 'Write here…'}</div>}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={isSafeUrl} />
        <SavePlugin {...props} />
        <SearchHighlightPlugin terms={props.highlightTerms} />
        {props.autoFocus && <AutoFocus />}
      </LexicalComposer>
    </div>
  );
}

/** Links may point to the web or to an address, never run script or open app-internal pages. */
function isSafeUrl(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url.trim());
}

function AutoFocus() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.focus(undefined, { defaultSelection: 'rootEnd' });
  }, [editor]);
  return null;
}

function serialise(editor: LexicalEditor): string {
  return JSON.stringify(editor.getEditorState().toJSON());
}

/**
 * Saves after a pause in typing, on leaving the editor, when the window is hidden and when the editor closes; and
 * shows content changed from outside (Undo or Redo in the app) unless the user is in the middle of writing.
 */
function SavePlugin(props: MemoEditorProps) {
  const [editor] = useLexicalComposerContext();
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState('');
  const [words, setWords] = useState(0);
  /** The stored content this editor last loaded or wrote: anything else arriving came from outside. */
  const knownStored = useRef(props.content);
  /** The editor's own serialisation at its last load or save, so edits that change nothing save nothing. */
  const savedJson = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(0);
  const latest = useRef(props);
  latest.current = props;

  const countWords = useCallback(() => {
    const text = editor.getEditorState().read(() => $getRoot().getTextContent());
    setWords(text.split(/\s+/u).filter(Boolean).length);
  }, [editor]);

  useLayoutEffect(() => {
    savedJson.current = editor.read(() => serialise(editor));
    countWords();
  }, [editor, countWords]);

  const flush = useCallback(() => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    const json = serialise(editor);
    if (json === savedJson.current) {
      // Edited back to what is stored: nothing to save.
      setStatus((s) => (s === 'editing' ? (inFlight.current > 0 ? 'saving' : 'saved') : s));
      return;
    }
    const plainText = editor.getEditorState().read($memoPlainText);
    const previous = savedJson.current;
    savedJson.current = json;
    knownStored.current = json;
    inFlight.current += 1;
    setStatus('saving');
    latest.current.onSave({ content: json, plainText }).then(
      () => {
        inFlight.current -= 1;
        if (inFlight.current === 0 && timer.current === undefined) setStatus('saved');
      },
      (reason: unknown) => {
        inFlight.current -= 1;
        // Try again with the next change: the text is still in the editor.
        if (savedJson.current === json) savedJson.current = previous;
        setError(reason instanceof Error ? reason.message : String(reason));
        setStatus('error');
      },
    );
  }, [editor]);

  const onChange = useCallback(() => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(flush, MEMO_SAVE_DELAY_MS);
    setStatus('editing');
    countWords();
  }, [flush, countWords]);

  // Leaving the editor (focus moves outside it, the window is hidden, or the editor closes) saves at once.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden' && timer.current !== undefined) flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    const stopRoot = editor.registerRootListener((root) => {
      if (!root) return;
      const onFocusOut = (event: FocusEvent) => {
        const next = event.relatedTarget as Node | null;
        // Moving to the formatting toolbar is still writing.
        if (timer.current !== undefined && !(next && root.closest('.memo-editor')?.contains(next))) flush();
      };
      root.addEventListener('focusout', onFocusOut);
      return () => root.removeEventListener('focusout', onFocusOut);
    });
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      stopRoot();
      if (timer.current !== undefined) flush();
    };
  }, [editor, flush]);

  // Content changed in the database by someone else than this editor (Undo, Redo): show it, unless the user is
  // writing, in which case their text is saved over it. Waiting a moment lets a stale read be replaced by a fresh one.
  useEffect(() => {
    if (props.content === knownStored.current) return;
    const check = setTimeout(() => {
      const { content, plainText } = latest.current;
      if (timer.current !== undefined || inFlight.current > 0 || content === knownStored.current) return;
      knownStored.current = content;
      editor.update(() => $loadMemoContent(content, plainText), { tag: HISTORY_MERGE_TAG, discrete: true });
      editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
      savedJson.current = serialise(editor);
      countWords();
      setStatus('idle');
    }, 150);
    return () => clearTimeout(check);
  }, [props.content, editor, countWords]);

  const statusText =
    status === 'editing' ? 'Editing…' : status === 'saving' ? 'Saving…' : status === 'saved' ? 'Saved' : status === 'error' ? `Not saved: ${error}` : '';
  return (
    <>
      <OnChangePlugin onChange={onChange} ignoreSelectionChange />
      <footer className="memo-editor-footer">
        <span className={`memo-save memo-save-${status}`} role="status" aria-live="polite" data-testid="memo-save-status">
          {statusText}
        </span>
        <span className="memo-words">
          {numberFormat.format(words)} {words === 1 ? 'word' : 'words'}
        </span>
      </footer>
    </>
  );
}

/** Paints the words of a search over the memo's text with the CSS Custom Highlight API, leaving the text alone. */
function SearchHighlightPlugin({ terms }: { terms?: readonly string[] }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const name = 'memo-search';
    const paint = () => {
      const root = editor.getRootElement();
      const ranges: Range[] = [];
      if (root && terms && terms.length > 0) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of matchRanges(node.nodeValue ?? '', terms)) {
            const range = new Range();
            range.setStart(node, match.start);
            range.setEnd(node, match.end);
            ranges.push(range);
          }
        }
      }
      if (ranges.length > 0) CSS.highlights.set(name, new Highlight(...ranges));
      else CSS.highlights.delete(name);
    };
    paint();
    const stop = mergeRegister(
      editor.registerUpdateListener(paint),
      editor.registerRootListener(paint),
    );
    return () => {
      stop();
      CSS.highlights.delete(name);
    };
  }, [editor, terms]);
  return null;
}

type BlockType = 'paragraph' | 'heading' | 'bullet' | 'number' | 'other';

interface ToolbarState {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  block: BlockType;
}

const BUTTONS: { id: 'bold' | 'italic' | 'underline' | 'heading' | 'bullet' | 'number'; label: string; shortcut?: string; text: string }[] = [
  { id: 'bold', label: 'Bold', shortcut: 'Ctrl+B', text: 'B' },
  { id: 'italic', label: 'Italic', shortcut: 'Ctrl+I', text: 'I' },
  { id: 'underline', label: 'Underline', shortcut: 'Ctrl+U', text: 'U' },
  { id: 'heading', label: 'Heading', text: 'H' },
  { id: 'bullet', label: 'Bulleted list', text: '•' },
  { id: 'number', label: 'Numbered list', text: '1.' },
];

/** Formatting buttons: one tab stop, arrow keys move between them (the ARIA toolbar pattern). */
function FormattingToolbar() {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>({ bold: false, italic: false, underline: false, block: 'paragraph' });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return;
          const anchor = selection.anchor.getNode();
          const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElement();
          let block: BlockType = 'other';
          if ($isListNode(top)) {
            const list = $getNearestNodeOfType(anchor, ListNode) ?? top;
            block = list.getListType() === 'number' ? 'number' : list.getListType() === 'bullet' ? 'bullet' : 'other';
          } else if ($isHeadingNode(top)) block = 'heading';
          else if (top?.getType() === 'paragraph') block = 'paragraph';
          const next = { bold: selection.hasFormat('bold'), italic: selection.hasFormat('italic'), underline: selection.hasFormat('underline'), block };
          setState((s) => (s.bold === next.bold && s.italic === next.italic && s.underline === next.underline && s.block === next.block ? s : next));
        });
      }),
    [editor],
  );

  const pressed = (id: (typeof BUTTONS)[number]['id']): boolean => {
    if (id === 'bold' || id === 'italic' || id === 'underline') return state[id];
    return state.block === id;
  };

  const run = (id: (typeof BUTTONS)[number]['id']) => {
    if (id === 'bold' || id === 'italic' || id === 'underline') {
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, id satisfies TextFormatType);
    } else if (id === 'bullet' || id === 'number') {
      if (state.block === id) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      else editor.dispatchCommand(id === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    } else {
      const toParagraph = state.block === 'heading';
      editor.update(() => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) $setBlocksType(selection, () => (toParagraph ? $createParagraphNode() : $createHeadingNode('h3')));
      });
    }
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: focusIndex + 1, ArrowLeft: focusIndex - 1, Home: 0, End: BUTTONS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const index = (target + BUTTONS.length) % BUTTONS.length;
    setFocusIndex(index);
    buttons.current[index]?.focus();
  };

  return (
    <div className="memo-toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {BUTTONS.map((button, index) => (
        <button
          key={button.id}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          className={`memo-tool memo-tool-${button.id}`}
          aria-label={button.label}
          aria-pressed={pressed(button.id)}
          title={button.shortcut ? `${button.label} (${button.shortcut})` : button.label}
          tabIndex={index === focusIndex ? 0 : -1}
          // Keep the text selection in the editor when a button is clicked.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setFocusIndex(index)}
          onClick={() => run(button.id)}
        >
          <span aria-hidden="true">{button.text}</span>
        </button>
      ))}
    </div>
  );
}
