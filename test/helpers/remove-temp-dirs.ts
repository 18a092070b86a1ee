/**
 * Vitest setup file (vitest.config.ts): after the last test and hook of each test file (after
 * hooks run in reverse order of registration, so this one runs after the file's own, which stop
 * the servers using these directories), removes the directories tempDir() made.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.ts';

afterAll(removeTempDirs);
