/** Entry point: mounts the console. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';
import { applySavedTheme } from './components/theme-switch.tsx';

applySavedTheme();

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
