import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/store/schema/index.ts',
  out: './electron/store/migrations',
});
