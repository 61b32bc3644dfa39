/**
 * A description just over the contract's limit (MAX_DESCRIPTION_CHARS), as when a feed pastes a
 * whole terms-and-conditions page into the ad. The padding is ASCII (so the record stays about
 * 1.0 MB, under the broker's default 1 MiB message limit) and free of skill words.
 */
import { MAX_DESCRIPTION_CHARS } from '../../core/contract.ts';
import type { Random } from '../random/create-random.ts';

const PADDING =
  'Terms and conditions: this advertisement is provided for information only and does not form part of any contract of employment. ' +
  'Applications are processed in line with our privacy notice. Offers are subject to reference checks and the right to work. ';

export function oversizeDescription(random: Random, description: string): string {
  const targetChars = MAX_DESCRIPTION_CHARS + random.between(1, 20_000);
  const needed = Math.max(0, targetChars - description.length - 2);
  const padding = PADDING.repeat(Math.ceil(needed / PADDING.length)).slice(0, needed);
  return `${description}\n\n${padding}`;
}
