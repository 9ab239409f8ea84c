import { useUi, type ThemePreference } from '../state/ui-store';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemePreference, string> = { system: 'Theme: follow system', light: 'Theme: light', dark: 'Theme: dark' };
const ICON: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' };

export function ThemeToggle() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  return (
    <button type="button" className="icon-button" onClick={() => setTheme(NEXT[theme])} aria-label={`${LABEL[theme]} (change)`} title={LABEL[theme]}>
      {ICON[theme]}
    </button>
  );
}
