import { afterAll } from 'vitest';
import { removeScratchDirs } from './scratch.js';

// Every test file removes the scratch directories it made once its last test has run.
afterAll(removeScratchDirs);
