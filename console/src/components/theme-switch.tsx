/**
 * Light, dark or the system's choice; kept in localStorage (a preference, not a secret) and
 * applied as data-theme on <html>, which the stylesheet reads.
 */
import { useEffect, useState } from 'react';

const KEY = 'signpost.theme';
type Theme = 'system' | 'light' | 'dark';

/** Applies the saved theme (called before the first render, so the page does not flash). */
export function applySavedTheme(): void {
  const t = (localStorage.getItem(KEY) as Theme | null) ?? 'system';
  if (t === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', t);
}

/** A select for the colour theme. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(KEY) as Theme | null) ?? 'system');
  useEffect(() => {
    localStorage.setItem(KEY, theme);
    applySavedTheme();
  }, [theme]);
  return (
    <label className="theme">
      <span className="sr-only">Colour theme</span>
      <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
