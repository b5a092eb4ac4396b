import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ReposProvider } from './data/repos-context';
import { ExpensePushProvider } from './features/expenses/ExpensePushProvider';
import { InvoiceServiceProvider } from './features/invoices/InvoiceServiceProvider';
import { SyncServiceProvider } from './features/quickbooks/SyncServiceProvider';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ReposProvider>
      <SyncServiceProvider>
        <InvoiceServiceProvider>
          <ExpensePushProvider>
            <App />
          </ExpensePushProvider>
        </InvoiceServiceProvider>
      </SyncServiceProvider>
    </ReposProvider>
  </StrictMode>,
);
