import { defineConfig } from 'prisma/config';

// Prisma's CLI is used here only for `prisma generate`; migrations run through
// src/db/migrate.ts (docs/architecture.md, "Migrations": the CLI cannot download its schema engine here).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
