import '../../shared/i18n.ts';
import { unstableSetRender } from 'antd-mobile';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App.tsx';

// React 19: antd-mobile's imperative calls (Toast.show, Dialog.confirm) render through this;
// without it they use the removed ReactDOM.render and throw.
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { __guanaiRoot?: Root };
  const root = (host.__guanaiRoot ??= createRoot(host));
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host.__guanaiRoot;
  };
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from m/index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
