import { describeWriteSideHttp } from './write-side.http';

describeWriteSideHttp({ name: 'sqlite', env: async () => ({ LEDGER_STORE: 'sqlite' }) });
