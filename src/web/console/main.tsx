import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { setUpI18n } from '../shared/i18n.js';
import { App } from './App.js';
import { AuthProvider } from './auth.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import '../shared/base.css';
import './styles.css';

await setUpI18n({ ns: 'console', 'zh-CN': zhCN, en });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter basename="/console">
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}
