/** Keeps output up to a limit and remembers that it cut the rest. */
export class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    if (this.size >= this.limit) {
      this.truncated = true;
      return;
    }
    const room = this.limit - this.size;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  text(): { value: string; invalid: boolean } {
    const bytes = Buffer.concat(this.chunks);
    try {
      return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalid: false };
    } catch {
      return { value: new TextDecoder('utf-8').decode(bytes), invalid: true };
    }
  }
}
