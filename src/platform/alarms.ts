/** `browser.alarms` behind the small interface the refresh scheduler uses. */
import { browser } from 'wxt/browser';
import type { AlarmScheduler } from '../session/refresh';

export function browserAlarms(): AlarmScheduler {
  return {
    create: async (name, when) => {
      await browser.alarms.create(name, { when });
    },
    clear: async (name) => {
      await browser.alarms.clear(name);
    },
  };
}
