// See package.json: `prisma dev` is not available in this project.
throw new Error('@prisma/streams-local is replaced in this project (package.json overrides): `prisma dev` is not available; use PGlite or a PostgreSQL server');
