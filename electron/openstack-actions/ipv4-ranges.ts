// IPv4 ranges as the network form checks them: is an address inside a subnet, do two subnets
// overlap. Inputs are already checked by the contract (dotted quads, prefixes 8–29).

function addressValue(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function rangeOf(cidr: string): { first: number; last: number } {
  const [address = '0.0.0.0', prefix = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(prefix));
  const first = Math.floor(addressValue(address) / size) * size;
  return { first, last: first + size - 1 };
}

export function cidrContains(cidr: string, address: string): boolean {
  const { first, last } = rangeOf(cidr);
  const value = addressValue(address);
  return value >= first && value <= last;
}

export function cidrsOverlap(a: string, b: string): boolean {
  const one = rangeOf(a);
  const other = rangeOf(b);
  return one.first <= other.last && other.first <= one.last;
}
