/** The language server the extension starts: `node dist/server.js --stdio`. */
import { startServer } from '@pol/language-service/server';

startServer();
