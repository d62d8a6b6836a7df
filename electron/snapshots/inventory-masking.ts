// The inventory a capture keeps, with every secret the project's masker recognises masked. Its
// models come from the clear outputs: nova.conf's parser masks as it reads, but other models keep
// what the lab printed (an LXD profile's `environment.OS_PASSWORD`, a cloud-init user-data with a
// password line). A snapshot is handed on, so every string of the inventory goes through the same
// masking as the raw outputs, and a string under a secret key is masked whole.
import type { LabInventory } from '../contract/inventory';
import { isSecretKey, isSwitchValue, SECRET_MASK } from '../probes/parsers/secret-masking';
import { maskRawOutput } from './raw-output-masking';

export function maskInventory(inventory: LabInventory): { inventory: LabInventory; masked: number } {
  let masked = 0;
  const walk = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') {
      if (key !== null && value.trim() !== '' && value !== SECRET_MASK && isSecretKey(key) && !isSwitchValue(value)) {
        masked += 1;
        return SECRET_MASK;
      }
      const result = maskRawOutput(value);
      masked += result.masked;
      return result.text;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, null));
    // fromEntries defines each key as its own property, "__proto__" from a lab's config included.
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, walk(item, name)]));
    return value;
  };
  const result = walk(inventory, null) as LabInventory;
  return { inventory: result, masked };
}
