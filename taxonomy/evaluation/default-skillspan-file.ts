import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';

/** Where the SkillSpan tech train split lives on the project's machines: next to the repository. */
export const DEFAULT_SKILLSPAN_FILE = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'skillspan', 'skillspan_tech_train.conll');
