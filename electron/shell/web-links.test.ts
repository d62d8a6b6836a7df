// Web links from the console's page: which addresses reach the system browser, and that every new
// window is refused however it was asked for (click, middle click, Shift+click, window.open).
import { describe, expect, it } from 'vitest';
import { refuseNewWindows, WEB_LINK_MAX_LENGTH, webLinkToOpen } from './web-links';
import { contentSecurityPolicy } from '../core/content-security-policy';

describe('webLinkToOpen', () => {
  it('passes plain http(s) addresses, as their parsed form', () => {
    expect(webLinkToOpen('https://docs.openstack.org/nova/latest/')).toBe('https://docs.openstack.org/nova/latest/');
    expect(webLinkToOpen('http://198.51.100.7:8080/horizon?x=1#top')).toBe('http://198.51.100.7:8080/horizon?x=1#top');
    expect(webLinkToOpen('HTTPS://Docs.OpenStack.org')).toBe('https://docs.openstack.org/');
  });

  it('refuses every other scheme, user:password@ addresses, control characters and over-long text', () => {
    for (const refused of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'smb://198.51.100.7/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'app://console/index.html',
      'https://docs.openstack.org@198.51.100.7/',
      'https://user:secret@198.51.100.7/',
      'https://198.51.100.7/a b',
      'https://198.51.100.7/\nSet-Cookie',
      'https://',
      'not a url',
      `https://198.51.100.7/${'a'.repeat(WEB_LINK_MAX_LENGTH)}`,
    ]) {
      expect(webLinkToOpen(refused), refused).toBeNull();
    }
  });
});

describe('refuseNewWindows', () => {
  function handler(pageUrl: string) {
    const opened: string[] = [];
    const errors: string[] = [];
    const open = refuseNewWindows(
      () => pageUrl,
      async (url) => {
        if (url.includes('fails')) throw new Error('no browser');
        opened.push(url);
      },
      (message) => errors.push(message),
    );
    return { open, opened, errors };
  }

  it('denies every window and hands the console page’s web links to the system browser, whatever the click', async () => {
    const { open, opened } = handler('app://console/index.html');
    for (const disposition of ['foreground-tab', 'background-tab', 'new-window', 'default', 'other']) {
      expect(open({ url: `https://docs.openstack.org/${disposition}`, disposition })).toEqual({ action: 'deny' });
    }
    expect(open({ url: 'file:///etc/passwd', disposition: 'background-tab' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['foreground-tab', 'background-tab', 'new-window', 'default', 'other'].map((name) => `https://docs.openstack.org/${name}`));
  });

  it('opens nothing for a page that is not the console’s own', async () => {
    const { open, opened } = handler('https://evil.example/');
    expect(open({ url: 'https://evil.example/phish', disposition: 'background-tab' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual([]);
  });

  it('says so when the system browser cannot be opened, and still denies the window', async () => {
    const { open, errors } = handler('app://console/');
    expect(open({ url: 'https://198.51.100.7/fails' })).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(errors).toEqual([expect.stringContaining('could not open https://198.51.100.7/fails in the system browser')]);
  });
});

describe('the page’s Content-Security-Policy', () => {
  it('runs no string as code: no unsafe-eval, no inline script, nothing but the page’s own scripts', () => {
    const scriptSources = contentSecurityPolicy().split('; ').find((directive) => directive.startsWith('script-src '))!;
    expect(scriptSources.split(' ').slice(1).sort()).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(contentSecurityPolicy()).toContain("object-src 'none'");
  });
});
