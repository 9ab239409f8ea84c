import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Id } from '../../shared/model/types';

/**
 * UI state only: what is open, pane sizes, theme. Project data lives in the database and is read with live
 * queries; nothing here duplicates it.
 */
export type ThemePreference = 'system' | 'light' | 'dark';

/** The workspace's main view: 'coding' or the id of an entry in views/workspace/workspace-views.tsx. */
export type WorkspaceView = string;

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface UiState {
  openProjectId?: Id;
  workspaceView: WorkspaceView;
  setWorkspaceView(view: WorkspaceView): void;
  openDocumentId?: Id;
  /** A passage to bring into view in the transcript ("open in transcript" from a review or query); the reader clears it. */
  revealRange?: { documentId: Id; start: number; end: number };
  /** Opens the Coding view at a document with the passage [start, end) scrolled into view and marked. */
  reveal(documentId: Id, start: number, end: number): void;
  clearReveal(): void;
  theme: ThemePreference;
  paneSizes: { documents: number; side: number };
  toasts: Toast[];
  /** Bumped by the menu's Import command; the open workspace answers it. */
  importRequests: number;
  requestImport(): void;
  openProject(id: Id | undefined): void;
  openDocument(id: Id | undefined): void;
  setTheme(theme: ThemePreference): void;
  setPaneSize(pane: 'documents' | 'side', size: number): void;
  notify(message: string, options?: { kind?: Toast['kind']; action?: Toast['action']; timeout?: number }): void;
  dismiss(id: number): void;
}

let nextToast = 1;

export const useUi = create<UiState>()(
  persist(
    (set, get) => ({
      theme: 'system',
      workspaceView: 'coding',
      setWorkspaceView: (view) => set({ workspaceView: view }),
      paneSizes: { documents: 260, side: 340 },
      toasts: [],
      importRequests: 0,
      requestImport: () => set({ importRequests: get().importRequests + 1 }),
      openProject: (id) => set({ openProjectId: id, openDocumentId: undefined }),
      openDocument: (id) => set({ openDocumentId: id }),
      reveal: (documentId, start, end) => set({ openDocumentId: documentId, workspaceView: 'coding', revealRange: { documentId, start, end } }),
      clearReveal: () => set({ revealRange: undefined }),
      setTheme: (theme) => set({ theme }),
      setPaneSize: (pane, size) => set({ paneSizes: { ...get().paneSizes, [pane]: Math.round(size) } }),
      notify: (message, options = {}) => {
        const id = nextToast++;
        // At most three at once: the newest push out the oldest (errors stay until dismissed or timed out).
        const kept = get().toasts.slice(-2);
        set({ toasts: [...kept, { id, message, kind: options.kind ?? 'info', action: options.action }] });
        const timeout = options.timeout ?? (options.kind === 'error' ? 12_000 : options.action ? 8_000 : 3_500);
        setTimeout(() => get().dismiss(id), timeout);
      },
      dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    }),
    {
      name: 'tessera-ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ workspaceView: s.workspaceView, openProjectId: s.openProjectId, openDocumentId: s.openDocumentId, theme: s.theme, paneSizes: s.paneSizes }),
    },
  ),
);
