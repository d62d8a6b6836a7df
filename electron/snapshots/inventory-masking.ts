// The inventory a capture keeps, with every secret the project's masker recognises masked. Its
// models come from the clear outputs: nova.conf's parser masks as it reads, but other models keep
// what the lab printed (an LXD profile's `environment.OS_PASSWORD`, a cloud-init user-data with a
// password line). A snapshot is handed on, so every string of the inventory goes through the same
// masking as the raw outputs, and a string under a secret key is masked whole.
import type { LabInventory } from '../contract/inventory';
import { isSecretKey, isSwitchValue, SECRET_MASK } from '../probes/parsers/secret-masking';
import { rewriteJsonStrings } from './json-string-rewrite';
import { maskRawOutput } from './raw-output-masking';

/**
 * The masked inventory (what did not change is shared with `inventory`, read-only like it) and how
 * many values were masked.
 */
export function maskInventory(inventory: LabInventory): { inventory: LabInventory; masked: number } {
  let masked = 0;
  const result = rewriteJsonStrings(inventory, {
    value(text, key) {
      if (key !== null && isSecretKey(key) && text.trim() !== '' && text !== SECRET_MASK && !isSwitchValue(text)) {
        masked += 1;
        return SECRET_MASK;
      }
      const output = maskRawOutput(text);
      masked += output.masked;
      return output.text;
    },
  }) as LabInventory;
  return { inventory: result, masked };
}
