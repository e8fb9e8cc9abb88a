// The application menu: the desktop's own actions are reachable, and developer tools are not shipped.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../main/hosts/electron/menu.js';

const actions = { copyReceiverUrl: vi.fn(), openDataFolder: vi.fn(), editReceiverSettings: vi.fn() };
const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((i) => i.label === label);

describe('menuTemplate', () => {
  const template = menuTemplate({ isMac: false, isPackaged: true, actions });

  it.each([
    ['Copy Receiver URL', 'copyReceiverUrl'],
    ['Open Data Folder', 'openDataFolder'],
    ['Edit Receiver Settings…', 'editReceiverSettings'],
  ] as const)('%s runs its action', (label, action) => {
    (byLabel(template, label)!.click as () => void)();
    expect(actions[action]).toHaveBeenCalledTimes(1);
  });

  it('offers Quit, editing (copy/paste) and zoom', () => {
    const roles = items(template).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'editMenu', 'zoomIn', 'resetZoom']));
  });

  it('has developer tools only when running from source', () => {
    expect(items(template).map((i) => i.role)).not.toContain('toggleDevTools');
    expect(items(menuTemplate({ isMac: false, isPackaged: false, actions })).map((i) => i.role)).toContain('toggleDevTools');
  });

  it('starts with the app menu on macOS', () => {
    expect(menuTemplate({ isMac: true, isPackaged: true, actions })[0]!.role).toBe('appMenu');
  });
});
