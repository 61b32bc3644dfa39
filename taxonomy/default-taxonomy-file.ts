import path from 'node:path';
import { REPO_ROOT } from '../core/config.ts';

/** The taxonomy shipped with the repository: the single source of skills, aliases and version. */
export const DEFAULT_TAXONOMY_FILE = path.join(REPO_ROOT, 'taxonomy', 'skills.jsonl');
