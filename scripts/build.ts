/** `npm run build`: the compiled build in dist/ (scripts/compiled-build.ts), which `npm start` runs. */
import { buildCompiled } from './compiled-build.ts';

await buildCompiled();
