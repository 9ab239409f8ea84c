import { describe, expect, it, vi } from 'vitest';

// A small test double for the electron module: Menu.buildFromTemplate keeps the template so the test can read it.
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
}));

const { buildMenu } = await import('../../../electron/main/menu');

interface Item {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: Item[];
}

describe('native menu', () => {
  const sent: unknown[] = [];
  const window = { webContents: { send: (...args: unknown[]) => sent.push(args) } };
  const menu = buildMenu(() => window as never, false) as unknown as { template: Item[] };
  const all = menu.template.flatMap((m) => m.submenu ?? []);

  it('has the standard shortcuts', () => {
    const byLabel = (label: string) => all.find((i) => i.label === label);
    expect(byLabel('Undo')?.accelerator).toBe('CmdOrCtrl+Z');
    // Shown, but left to the page, which knows whether a text field has focus.
    expect((byLabel('Undo') as { registerAccelerator?: boolean }).registerAccelerator).toBe(false);
    expect(byLabel('Import Transcripts…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Redo')?.accelerator).toBe('Ctrl+Shift+Z');
    expect(byLabel('New Project…')?.accelerator).toBe('CmdOrCtrl+N');
    expect(all.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'quit']));
  });

  it('sends undo to the renderer’s command history', () => {
    all.find((i) => i.label === 'Undo')!.click!();
    expect(sent).toEqual([['menu:command', 'undo']]);
  });
});
