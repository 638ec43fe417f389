/** The fuzz test's part 2 of 2 (test/fuzz/fuzz-run.ts says how the run is split, and why). */
import { fuzzPart } from './fuzz-run.ts';

fuzzPart(1, 2);
