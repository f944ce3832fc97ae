/** @jsxRuntime automatic (for tsx, which runs the component tests; Vite builds with the same runtime) */
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);
