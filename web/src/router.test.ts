import { describe, expect, it } from 'vitest';
import { safeNext } from './router.tsx';

const ORIGIN = 'https://registry.example.org';

describe('safeNext: where sign-in may lead afterwards', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeNext('/admin/users', '/account', ORIGIN)).toBe('/admin/users');
    expect(safeNext('/countries/ARM?tab=actions#x', '/account', ORIGIN)).toBe('/countries/ARM?tab=actions#x');
  });

  it('refuses anything a browser could read as another site or a script', () => {
    for (const bad of [
      '/\t/evil.example', // ?next=/%09/evil.example: browsers drop the tab and read //evil.example
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      ' //evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'evil.example',
      '',
      null,
    ])
      expect(safeNext(bad, '/account', ORIGIN), JSON.stringify(bad)).toBe('/account');
  });
});
