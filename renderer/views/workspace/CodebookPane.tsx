import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { CodeRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { createCode, renameCode } from '../../commands/code-commands';
import { useUi } from '../../state/ui-store';

interface CodeNode {
  code: CodeRecord;
  children: CodeNode[];
  codings: number;
  documents: number;
}

function buildTree(codes: CodeRecord[], counts: Map<string, { codings: number; documents: Set<string> }>): CodeNode[] {
  const nodes = new Map(codes.map((code) => [code.id, { code, children: [] as CodeNode[], codings: counts.get(code.id)?.codings ?? 0, documents: counts.get(code.id)?.documents.size ?? 0 }]));
  const roots: CodeNode[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.code.order - b.code.order)) {
    const parent = node.code.parentId ? nodes.get(node.code.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The codebook: a tree of codes with their counts. */
export function CodebookPane() {
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const codes = useLiveQuery(() => db.codes.toArray(), [db]);
  const counts = useLiveQuery(async () => {
    const map = new Map<string, { codings: number; documents: Set<string> }>();
    await db.codings.each((c) => {
      const entry = map.get(c.codeId) ?? { codings: 0, documents: new Set<string>() };
      entry.codings += 1;
      entry.documents.add(c.documentId);
      map.set(c.codeId, entry);
    });
    return map;
  }, [db]);
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const tree = useMemo(() => (codes && counts ? buildTree(codes, counts) : []), [codes, counts]);
  const matches = (node: CodeNode): boolean =>
    !filter || node.code.name.toLowerCase().includes(filter.toLowerCase()) || node.children.some(matches);

  const addCode = async () => {
    const name = newName.trim();
    if (!name) return;
    const { command } = createCode({ name, order: codes?.length ?? 0 });
    try {
      await execute(command);
      setNewName('');
    } catch (error) {
      notify(`Could not create the code: ${(error as Error).message}`, { kind: 'error' });
    }
  };

  const renderNode = (node: CodeNode, depth: number) =>
    matches(node) && (
      <li key={node.code.id} role="treeitem" aria-level={depth + 1} aria-expanded={node.children.length ? true : undefined} aria-selected={false}>
        <div className="code-row" style={{ paddingInlineStart: `${8 + depth * 16}px` }}>
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
                  if (value && value !== node.code.name) await execute(renameCode(node.code.id, node.code.name, value));
                }
              }}
            />
          ) : (
            <button type="button" className="code-name" title={node.code.description || 'Double-click to rename'} onDoubleClick={() => setEditing(node.code.id)}>
              {node.code.name}
            </button>
          )}
          <span className="code-counts" title={`${node.codings} codings in ${node.documents} documents`}>
            {node.codings}
            <span className="muted"> · {node.documents}</span>
          </span>
        </div>
        {node.children.length > 0 && <ul role="group">{node.children.map((child) => renderNode(child, depth + 1))}</ul>}
      </li>
    );

  return (
    <section className="pane codebook-pane" aria-labelledby="codebook-title">
      <div className="pane-header">
        <h2 id="codebook-title">Codebook</h2>
        <span className="count">{codes?.length ?? ''}</span>
      </div>
      <div className="pane-tools">
        <input type="search" placeholder="Filter codes" aria-label="Filter codes" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {codes && codes.length === 0 && <p className="pane-empty hint">No codes yet. Add your first code below.</p>}
      <ul className="code-tree" role="tree" aria-label="Codes">
        {tree.map((node) => renderNode(node, 0))}
      </ul>
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
}
