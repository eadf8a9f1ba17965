import { describe, expect, it } from 'vitest';
import { isAppFrame } from './channels';

describe('IPC sender check', () => {
  it('accepts only frames of the app:// origin', () => {
    expect(isAppFrame('app://renderer/index.html')).toBe(true);
    expect(isAppFrame('app://renderer/#/train')).toBe(true);
    for (const url of ['file:///work/dist/renderer/index.html', 'https://example.com/', 'app://other/index.html', 'http://127.0.0.1:5173/', '', undefined, null, 'not a url']) {
      expect(isAppFrame(url)).toBe(false);
    }
  });
});
