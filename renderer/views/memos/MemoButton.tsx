import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Id, MemoRecord, MemoTarget } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { createMemo, memoDisplayName, updateMemo } from '../../commands/memo-commands';
import { MemoEditor, type MemoSave } from '../../components/MemoEditor';
import { useUi } from '../../state/ui-store';
import { KIND_NAMES } from './memo-targets';
import { useMemoUi } from './memo-ui';
import '../../styles/memos.css';
import { currentCoderId } from '../../state/coder-store';

/** What a memo button writes about: a document, a code, a coding, a theme or a case. */
export interface MemoTargetProps {
  targetType: MemoTarget;
  targetId: Id;
  /** The title a new memo gets, e.g. "P01 Dawn" or "Trust": usually the name of what it is about. */
  title: string;
}

/**
 * The memo of a target (the first one written, if several exist): undefined while loading, null when none exists.
 */
export function useTargetMemo(targetType: MemoTarget, targetId: Id | undefined): MemoRecord | null | undefined {
  const { db } = useProjectSession();
  return useLiveQuery(
    async () => {
      if (!targetId) return null;
      const memos = await db.memos.where('[targetType+targetId]').equals([targetType, targetId]).toArray();
      return memos.sort((a, b) => a.createdAt - b.createdAt)[0] ?? null;
    },
    [db, targetType, targetId],
    undefined,
  );
}

/**
 * A button that opens the memo of a target in a side drawer, beside whatever the user is reading. The memo is
 * created by the first words written, so opening and closing the drawer leaves nothing behind.
 */
export function MemoButton(props: MemoTargetProps & { label?: string; className?: string }) {
  const memo = useTargetMemo(props.targetType, props.targetId);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const drawerId = useId();
  const label = props.label ?? 'Memo';
  const written = !!memo && memo.plainText.trim() !== '';
  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={`memo-button${written ? ' has-memo' : ''}${props.className ? ` ${props.className}` : ''}`}
        aria-expanded={open}
        aria-controls={open ? drawerId : undefined}
        aria-label={written ? `${label} (written)` : label}
        title={written ? `Open the memo: ${memo.plainText.slice(0, 80)}${memo.plainText.length > 80 ? '…' : ''}` : `Write a memo on ${props.title}`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="memo-button-icon" aria-hidden="true" />
        {label}
      </button>
      {open &&
        createPortal(
          <MemoDrawer key={`${props.targetType}:${props.targetId}`} id={drawerId} {...props} onClose={close} />,
          document.body,
        )}
    </>
  );
}

/** The drawer itself, for views that open it from something other than a MemoButton. */
export function MemoDrawer(props: MemoTargetProps & { id?: string; onClose: () => void }) {
  const { execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const view = useUi((s) => s.workspaceView);
  const setView = useUi((s) => s.setWorkspaceView);
  const selectMemo = useMemoUi((s) => s.select);
  const memo = useTargetMemo(props.targetType, props.targetId);
  const headingId = useId();
  const openedIn = useRef(view);
  // The memo's id, fixed by the first save: a save that finds no memo (not yet seen, or its creation undone) writes
  // it again under the same id, so the drawer never makes two memos.
  const memoId = useRef<Id | undefined>(undefined);
  if (memo && !memoId.current) memoId.current = memo.id;
  const latest = useRef(memo);
  latest.current = memo;
  const { onClose } = props;

  // The drawer belongs to the view it was opened in.
  useEffect(() => {
    if (view !== openedIn.current) onClose();
  }, [view, onClose]);

  const onSave = useCallback(
    async (save: MemoSave) => {
      const existing = latest.current;
      let command;
      if (existing) {
        command = updateMemo(existing, save);
      } else {
        const created = createMemo({
          id: memoId.current,
          targetType: props.targetType,
          targetId: props.targetId,
          title: props.title,
          content: save.content,
          plainText: save.plainText,
          authorId: currentCoderId(),
        });
        memoId.current = created.id;
        command = created.command;
      }
      try {
        await execute(command);
      } catch (error) {
        notify(`Could not save the memo: ${(error as Error).message}`, { kind: 'error' });
        throw error;
      }
    },
    [execute, notify, props.targetType, props.targetId, props.title],
  );

  const kind = KIND_NAMES[props.targetType].one;
  return (
    <aside
      id={props.id}
      className="memo-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="memo-drawer-header">
        <div className="memo-drawer-titles">
          <span className={`memo-kind memo-kind-${props.targetType}`}>{kind}</span>
          <h2 id={headingId}>{memo ? memoDisplayName(memo) : props.title}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close memo" title="Close (Escape)" onClick={onClose}>
          ×
        </button>
      </header>
      {memo === undefined ? (
        <div className="memo-drawer-loading" aria-busy="true" />
      ) : (
        <MemoEditor
          className="memo-editor-drawer"
          content={memo?.content ?? ''}
          plainText={memo?.plainText ?? ''}
          onSave={onSave}
          label={`${kind} text`}
          placeholder={`Your thoughts on ${props.title}: what stands out, what it might mean, questions to return to.`}
          autoFocus
        />
      )}
      <footer className="memo-drawer-footer">
        <span className="hint">Saved as you write. All memos gather under Memos &amp; journal.</span>
        <button
          type="button"
          className="link-button"
          disabled={!memo}
          onClick={() => {
            if (!memo) return;
            selectMemo(memo.id);
            setView('memos');
          }}
        >
          Open in Memos &amp; journal
        </button>
      </footer>
    </aside>
  );
}
