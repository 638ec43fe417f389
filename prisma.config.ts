import { defineConfig } from 'prisma/config';

// Prisma's CLI is used here only for `prisma generate`; migrations run through
// src/db/migrate.ts (see DESIGN.md: the CLI cannot download its schema engine on these machines).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
