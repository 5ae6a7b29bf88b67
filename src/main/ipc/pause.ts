// When "pause notifications" ends. Pure so the menu, the popover and the tests agree on the same instant.
import type { PauseNotificationsFor } from '../../shared/ipc';

const ONE_HOUR_MS = 3_600_000;
/** "Until tomorrow" means the start of the next working day, local time. */
const TOMORROW_HOUR = 8;

export function pauseUntil(choice: PauseNotificationsFor, now: number): number | null {
  switch (choice) {
    case 'one-hour':
      return now + ONE_HOUR_MS;
    case 'until-tomorrow': {
      const d = new Date(now);
      // setDate/setHours work in local time and handle month ends and DST shifts.
      d.setDate(d.getDate() + 1);
      d.setHours(TOMORROW_HOUR, 0, 0, 0);
      return d.getTime();
    }
    case 'resume':
      return null;
  }
}
