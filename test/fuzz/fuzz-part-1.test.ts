/** The fuzz test's part 1 of 2 (test/fuzz/fuzz-run.ts says how the run is split, and why). */
import { fuzzPart } from './fuzz-run.ts';

fuzzPart(0, 2);
