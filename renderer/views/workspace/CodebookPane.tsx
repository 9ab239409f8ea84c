import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useMemo, useState } from 'react';
import { CODEBOOK_TEMPLATES } from '../../../shared/model/codebook-templates';
import { plural } from '../../../shared/text/plural';
import type { CodeRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import type { CodeCounts } from '../../db/coding-counts';
import { useCodingCounts } from '../../db/use-coding-counts';
import { applyTemplate, createCode, moveCode, renameCode } from '../../commands/code-commands';
import { useUi } from '../../state/ui-store';
import { CODE_DRAG_TYPE } from './code-drag';
import { CodeDetails } from './CodeDetails';

export type { CodeCounts } from '../../db/coding-counts';

interface CodeNode {
  code: CodeRecord;
  children: CodeNode[];
  counts?: CodeCounts;
}

function buildTree(codes: CodeRecord[], counts: Map<string, CodeCounts>): CodeNode[] {
  const nodes = new Map(codes.map((code) => [code.id, { code, children: [] as CodeNode[], counts: counts.get(code.id) }]));
  const roots: CodeNode[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.code.order - b.code.order)) {
    const parent = node.code.parentId ? nodes.get(node.code.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

type DropZone = 'before' | 'inside' | 'after';

/**
 * The codebook: a tree of codes with counts (codings · documents · participants). Drag a code onto another to
 * nest it (middle) or reorder (top or bottom edge); drag it onto a selection in the transcript to apply it.
 */
export const CodebookPane = memo(function CodebookPane() {
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const codes = useLiveQuery(() => db.codes.toArray(), [db]);
  const counts = useCodingCounts(db)?.byCode;
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [drop, setDrop] = useState<{ id: string; zone: DropZone } | null>(null);
  const [showTemplates, setShowTemplates] = useState(false);

  const tree = useMemo(() => (codes ? buildTree(codes, counts ?? new Map()) : []), [codes, counts]);
  const byId = useMemo(() => new Map((codes ?? []).map((c) => [c.id, c])), [codes]);
  const matches = (node: CodeNode): boolean =>
    !filter || node.code.name.toLowerCase().includes(filter.toLowerCase()) || node.children.some(matches);

  const run = async (work: Promise<void>) => {
    try {
      await work;
    } catch (error) {
      notify((error as Error).message, { kind: 'error' });
    }
  };

  const addCode = async () => {
    const name = newName.trim();
    if (!name) return;
    const siblings = (codes ?? []).filter((c) => !c.parentId).length;
    const { command, id } = createCode({ name, order: siblings });
    await run(execute(command));
    setNewName('');
    setSelected(id);
  };

  const onDrop = (target: CodeNode, zone: DropZone, draggedId: string) => {
    const dragged = byId.get(draggedId);
    if (!dragged || dragged.id === target.code.id) return;
    if (zone === 'inside') {
      void run(execute(moveCode(dragged, target.code.id, target.children.length)));
      setCollapsed((s) => {
        const next = new Set(s);
        next.delete(target.code.id);
        return next;
      });
    } else {
      const siblings = (codes ?? []).filter((c) => c.parentId === target.code.parentId && c.id !== dragged.id).sort((a, b) => a.order - b.order);
      const index = siblings.findIndex((c) => c.id === target.code.id) + (zone === 'after' ? 1 : 0);
      void run(execute(moveCode(dragged, target.code.parentId, index)));
    }
  };

  const renderNode = (node: CodeNode, depth: number) => {
    if (!matches(node)) return null;
    const isCollapsed = collapsed.has(node.code.id) && !filter;
    const dropHere = drop?.id === node.code.id ? drop.zone : undefined;
    return (
      <li
        key={node.code.id}
        role="treeitem"
        aria-level={depth + 1}
        aria-expanded={node.children.length ? !isCollapsed : undefined}
        aria-selected={selected === node.code.id}
        aria-label={node.code.name}
      >
        <div
          className={`code-row${selected === node.code.id ? ' selected' : ''}${dropHere ? ` drop-${dropHere}` : ''}`}
          style={{ paddingInlineStart: `${4 + depth * 16}px` }}
          draggable={editing !== node.code.id}
          onDragStart={(e) => {
            e.dataTransfer.setData(CODE_DRAG_TYPE, node.code.id);
            e.dataTransfer.setData('text/plain', node.code.name);
            e.dataTransfer.effectAllowed = 'copyMove';
          }}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
            e.preventDefault();
            const box = e.currentTarget.getBoundingClientRect();
            const y = (e.clientY - box.top) / box.height;
            setDrop({ id: node.code.id, zone: y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'inside' });
          }}
          onDragLeave={() => setDrop((d) => (d?.id === node.code.id ? null : d))}
          onDrop={(e) => {
            e.preventDefault();
            const zone = drop?.zone ?? 'inside';
            setDrop(null);
            onDrop(node, zone, e.dataTransfer.getData(CODE_DRAG_TYPE));
          }}
          onDragEnd={() => setDrop(null)}
        >
          {node.children.length > 0 ? (
            <button
              type="button"
              className="twisty"
              aria-label={`${isCollapsed ? 'Expand' : 'Collapse'} ${node.code.name}`}
              onClick={() =>
                setCollapsed((s) => {
                  const next = new Set(s);
                  if (next.has(node.code.id)) next.delete(node.code.id);
                  else next.add(node.code.id);
                  return next;
                })
              }
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="twisty" aria-hidden="true" />
          )}
          <span className="swatch" style={{ background: node.code.color }} aria-hidden="true" />
          {editing === node.code.id ? (
            <input
              className="inline-edit"
              aria-label={`New name for ${node.code.name}`}
              defaultValue={node.code.name}
              autoFocus
              onBlur={() => setEditing(null)}
              onKeyDown={async (e) => {
                if (e.key === 'Escape') setEditing(null);
                if (e.key === 'Enter') {
                  const value = e.currentTarget.value.trim();
                  setEditing(null);
                  if (value && value !== node.code.name) await run(execute(renameCode(node.code.id, node.code.name, value)));
                }
              }}
            />
          ) : (
            <button
              type="button"
              className="code-name"
              title={node.code.description || 'Double-click to rename; drag onto a selection to apply'}
              onClick={() => setSelected(selected === node.code.id ? null : node.code.id)}
              onDoubleClick={() => setEditing(node.code.id)}
              onKeyDown={(e) => e.key === 'F2' && setEditing(node.code.id)}
            >
              {node.code.name}
            </button>
          )}
          <span
            className="code-counts"
            title={`${plural(node.counts?.codings ?? 0, 'coding')} in ${plural(node.counts?.documents ?? 0, 'document')}, ${plural(node.counts?.cases ?? 0, 'participant')}`}
          >
            {node.counts?.codings ?? 0}
            <span className="muted">
              {' '}
              · {node.counts?.documents ?? 0} · {node.counts?.cases ?? 0}
            </span>
          </span>
        </div>
        {node.children.length > 0 && !isCollapsed && <ul role="group">{node.children.map((child) => renderNode(child, depth + 1))}</ul>}
      </li>
    );
  };

  const selectedCode = selected ? byId.get(selected) : undefined;
  return (
    <section className="pane codebook-pane" aria-labelledby="codebook-title">
      <div className="pane-header">
        <h2 id="codebook-title">Codebook</h2>
        <span className="count" title="codings · documents · participants">
          {codes?.length ?? ''}
        </span>
        <button type="button" className="small" aria-expanded={showTemplates} onClick={() => setShowTemplates(!showTemplates)}>
          Templates
        </button>
      </div>
      {showTemplates && (
        <div className="templates" role="group" aria-label="Codebook templates">
          {CODEBOOK_TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              className="template"
              onClick={() => {
                setShowTemplates(false);
                void run(execute(applyTemplate(t, codes?.filter((c) => !c.parentId).length ?? 0)));
              }}
            >
              <strong>{t.name}</strong>
              <span className="hint">{t.summary}</span>
            </button>
          ))}
        </div>
      )}
      <div className="pane-tools">
        <input type="search" placeholder="Filter codes" aria-label="Filter codes" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {codes && codes.length === 0 && (
        <p className="pane-empty hint">No codes yet. Select words in a transcript and type a code name, add one below, or start from a template.</p>
      )}
      <ul className="code-tree" role="tree" aria-label="Codes">
        {tree.map((node) => renderNode(node, 0))}
      </ul>
      {selectedCode && (
        <CodeDetails
          key={selectedCode.id}
          code={selectedCode}
          codes={codes ?? []}
          counts={counts?.get(selectedCode.id)}
          onClose={() => setSelected(null)}
          onDeleted={() => setSelected(null)}
        />
      )}
      <form
        className="new-code"
        onSubmit={(e) => {
          e.preventDefault();
          void addCode();
        }}
      >
        <input placeholder="New code name" aria-label="New code name" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit" disabled={!newName.trim()}>
          Add code
        </button>
      </form>
    </section>
  );
});
