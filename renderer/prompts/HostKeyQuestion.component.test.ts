// The new-host-key question: the fingerprint to compare, and the two things that call for a second
// look before accepting (a key of another type already known; a certificate authority covering the
// host whose certificate did not certify this key, and why).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import HostKeyQuestion from './HostKeyQuestion.svelte';
import type { HostKeyQuestion as Question, PendingPrompt } from '../../electron/contract/payloads';

let shown: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  document.body.innerHTML = '';
});

const question = (overrides: Partial<Question> = {}): PendingPrompt & Question => ({
  promptId: 'prompt-000000000001',
  kind: 'host-key',
  endpoint: 'ubuntu@10.0.0.5:22',
  host: '10.0.0.5',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:7Kq2b0yW3oXrYVw7m4m0Zr0fQ2Yb8rQjv5cJpQfQm5E',
  knownTypes: [],
  knownHostsFile: '/home/engineer/.ssh/known_hosts',
  certAuthority: null,
  ...overrides,
}) as PendingPrompt & Question;

function show(prompt: PendingPrompt & Question, onAnswer = vi.fn()) {
  const target = document.body.appendChild(document.createElement('div'));
  shown = mount(HostKeyQuestion, { target, props: { prompt, onAnswer } });
  flushSync();
  return { target, onAnswer };
}

describe('the new host key question', () => {
  it('shows the fingerprint and where the key will be written, and nothing to worry about', () => {
    const { target } = show(question());
    expect(target.querySelector('[data-testid="host-key-fingerprint"]')!.textContent).toBe('SHA256:7Kq2b0yW3oXrYVw7m4m0Zr0fQ2Yb8rQjv5cJpQfQm5E');
    expect(target.textContent).toContain('/home/engineer/.ssh/known_hosts');
    expect(target.querySelector('.warning-text')).toBeNull();
  });

  it('says which known_hosts line trusts a certificate authority for the host, and why the certificate did not certify the key', () => {
    const problem = 'the certificate signed by CA SHA256:abc is refused: it expired on 2020-01-01T00:00:00.000Z';
    const { target } = show(question({ certAuthority: '/home/engineer/.ssh/known_hosts line 2', certificateProblem: problem }));
    const note = target.querySelector('[data-testid="host-key-cert-authority"]')!.textContent!;
    expect(note).toContain('/home/engineer/.ssh/known_hosts line 2');
    expect(target.querySelector('[data-testid="host-key-certificate-problem"]')!.textContent).toBe(problem);
  });

  it('answers as the engineer chooses', () => {
    const { target, onAnswer } = show(question());
    [...target.querySelectorAll('button')].find((button) => button.textContent === 'Refuse')!.click();
    expect(onAnswer).toHaveBeenCalledWith(false);
  });
});
